import pytest

from tests.factories import InstructorFactory, UserFactory


@pytest.fixture
def instructor(db):
    return InstructorFactory(username="ms-kim")


@pytest.fixture
def instructor_client(client, instructor):
    client.force_login(instructor)
    return client


@pytest.fixture
def student(db):
    return UserFactory(username="aibek")


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client
