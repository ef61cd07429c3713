"""`python -m kg ...` runs the CLI, for machines where pip's script folder is not on PATH."""
from kg.cli import run

run()
