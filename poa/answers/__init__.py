"""The answers file: the model of a plan (context, the three sections, documents, history),
loading it with every problem located, migrating older versions, saving it as the seller wrote it.

May import poa.files (and poa.errors, poa.terminal); nothing above.
"""
