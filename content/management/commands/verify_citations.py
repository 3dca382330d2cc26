from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.models import Citation
from content.paper_checks import quote_in_paper, readings


class Command(BaseCommand):
    help = "Check that every citation's quotation occurs verbatim in its source paper."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--sources", type=Path, default=settings.PAPERS_DIR, help="folder with the papers")

    def handle(self, *args, sources: Path, **options) -> None:
        if not sources.is_dir():
            raise CommandError(f"sources folder {sources} does not exist")
        papers: dict[str, tuple[str, str] | None] = {}
        missing = []
        citations = Citation.objects.select_related("source", "fact", "claim").order_by(
            "source__key", "fact__key", "pk"
        )
        for citation in citations:
            name = citation.source.paper_file
            if name not in papers:
                path = sources / name
                papers[name] = readings(path.read_text(encoding="utf-8")) if path.is_file() else None
            text = papers[name]
            if text is None or not quote_in_paper(citation.quote, text):
                missing.append(citation)
        for citation in missing:
            source = citation.source
            reason = "paper file missing" if papers[source.paper_file] is None else "not found"
            self.stdout.write(f"{source.key} ({source.paper_file}): {citation.fact.key}: {reason}: {citation.quote!r}")
        total = citations.count()
        self.stdout.write(f"{total} citations checked, {len(missing)} quotations not found")
        if missing:
            raise CommandError(f"{len(missing)} quotation(s) not found in their papers")
