"""Tests of the family portal and account activation."""
