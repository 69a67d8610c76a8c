# One command to install and run the demo, one to run the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE := examples/example_article.txt
EXAMPLE_DATE := 2024-05-14

.PHONY: demo test lint bench eval clean

demo: $(VENV)/.installed
	$(BIN)/dyad code $(EXAMPLE) --published $(EXAMPLE_DATE) --format table
	$(BIN)/dyad code $(EXAMPLE) --published $(EXAMPLE_DATE) --out examples/example_article.events.jsonl
	@echo "JSON Lines written to examples/example_article.events.jsonl"

test: $(VENV)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed
	$(BIN)/python bench/throughput.py

eval: $(VENV)/.installed
	$(BIN)/dyad eval plover-gsr ../shared/data/plover_gsr/dev.jsonl

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

clean:
	rm -rf $(VENV) build dist src/*.egg-info
