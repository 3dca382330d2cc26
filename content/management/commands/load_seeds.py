from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from content.loading import load_bank
from content.paper_checks import check_against_papers
from content.seedfile import read_bank


class Command(BaseCommand):
    help = "Validate every seed file, then load them all in one transaction (or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seeds", type=Path, default=settings.SEEDS_DIR, help="seed folder (default: seeds/)")
        parser.add_argument(
            "--sources",
            type=Path,
            help="folder with the papers: also check quotations and copied wording before loading",
        )

    def handle(self, *args, seeds: Path, sources: Path | None, **options) -> None:
        if not seeds.is_dir():
            raise CommandError(f"seed folder {seeds} does not exist")
        bank, problems = read_bank(seeds)
        if sources is not None:
            problems += check_against_papers(bank, sources)
        if problems:
            for problem in problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(problems)} problem(s) in {seeds}; nothing was loaded")
        report = load_bank(bank=bank)
        self.stdout.write(f"Loaded {len(bank.facts)} facts from {len(bank.sources)} sources: {report.summary()}")
