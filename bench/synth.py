"""Older home of the synthetic data, kept for branches in flight: it lives in tests/synth.py."""

from tests.synth import *  # noqa: F403
