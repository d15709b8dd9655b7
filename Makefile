# Real or Fake? — one command to set up and open the course, one to test it.
#   make lab      set up .venv (first time only) and open JupyterLab on the course
#   make play     set up .venv (first time only) and serve Lesson 06's game in a browser on this computer
#   make class    set up .venv (first time only) and serve one game for a whole class on the local network
#   make test     set up .venv (first time only) and run the whole test suite
#   make lessons  regenerate the learner copies in lessons/ (and the guide's plans and answer keys) from solutions/
#   make guide    the facilitator guide as one printable HTML file: build/facilitator-guide.html
#   make lint     ruff: lint and format check (part of make test)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The test tools (pytest, playwright, nbclient, ruff) come on top, only for make test.
TEST_STAMP := $(VENV)/.installed-test
# Offline classrooms: with a wheelhouse in wheels/ (see docs/facilitator/troubleshooting.md), install from it alone.
PIP_SOURCE := $(if $(wildcard wheels/*.whl),--no-index --find-links wheels,)

.PHONY: setup lab play class test lint lessons guide clean browser

setup: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(STAMP): pyproject.toml | $(PY)
	@echo "Setting up the course in $(VENV) (the first time takes a few minutes; later runs are instant)."
	@echo "  1/3 updating pip"
	@$(PY) -m pip install --quiet --upgrade $(PIP_SOURCE) pip
	@echo "  2/3 installing the course's packages (about 1.8 GB, mostly PyTorch and OpenCV)"
	@$(PY) -m pip install --progress-bar on $(PIP_SOURCE) -e .
	@echo "  3/3 registering the notebook kernel"
	@$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (Real or Fake?)" >/dev/null
	@touch $(STAMP)
	@echo "Set up."

lab: $(STAMP)
	$(PY) -m realorfake.course.lab

# Lesson 06's game as a web app on this computer (prints its address; Ctrl-C stops it).
play: $(STAMP)
	$(PY) -m realorfake.game.app

# The whole class plays one game, each learner on their own device (prints the players' address, the join code
# and the host's address; Ctrl-C stops it, the game stays on disk). Options: make class ARGS="--mode teams".
# It listens on the local network (--lan): running it is the facilitator's choice to open it to the room.
class: $(STAMP)
	$(PY) -m realorfake.game.class_server --lan $(ARGS)

$(TEST_STAMP): $(STAMP)
	@echo "Installing the test tools (pytest, playwright, nbclient, ruff)."
	@$(PY) -m pip install --quiet $(PIP_SOURCE) -e ".[test]"
	@touch $(TEST_STAMP)

test: $(TEST_STAMP) browser lint
	$(PY) -m pytest

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check src tests benchmarks scripts solutions
	$(VENV)/bin/ruff format --check src tests benchmarks scripts

# Browser tests drive Debian's chromium (never a downloaded browser). Install it when
# missing and we are root (CI, containers); otherwise those tests skip and say why.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing chromium for the browser tests..."; \
	    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	      || echo "Could not install chromium: browser tests will be skipped."; \
	  else echo "chromium is not installed: browser tests will be skipped."; fi; }

lessons: $(STAMP)
	$(PY) -m realorfake.course.build

# Every page of docs/facilitator in one self-contained HTML file, with a table of contents and print styles.
guide: $(STAMP)
	$(PY) -m realorfake.course.guide

clean:
	rm -rf $(VENV) .pytest_cache
