"""The letter: Jinja templates in a sandbox, bounded in size and time, and the plain text
made from their Markdown (what the seller pastes into Seller Central).

May import poa.rubric (a kind's title and metric), poa.letters, poa.answers and poa.files.
"""
