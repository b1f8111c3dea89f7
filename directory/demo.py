"""Demo content of the directory app (see home/demo_tools.py); each part is its own module."""

from directory import demo_organisations


def restore(context):
    demo_organisations.restore(context)


def load(context):
    demo_organisations.load(context)
