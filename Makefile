# Every target installs what it needs, so each works on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean install

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The main job on the bundled corpus; check exits 1 because the county plan has findings.
demo: $(STAMP)
	mkdir -p out
	$(BIN)/planparse parse corpus/zezhou-county-2023.txt
	$(BIN)/planparse diff corpus/zezhou-county-2023.txt corpus/linfen-city-draft.txt
	$(BIN)/planparse diff corpus/zezhou-county-2023.txt corpus/linfen-city-draft.txt -f html -o out/report.html
	$(BIN)/planparse check corpus/zezhou-county-2023.txt --against corpus/linfen-city-draft.txt || test $$? -eq 1
	$(BIN)/planparse batch corpus --out out/corpus.sqlite --quiet
	@echo "open out/report.html; query out/corpus.sqlite"

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache
