"""Older home of the server starters, kept for branches in flight: they live in tests/servers.py."""

from tests.servers import *  # noqa: F403
