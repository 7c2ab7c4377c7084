"""Tests of programme monitoring, experience surveys and reflection."""
