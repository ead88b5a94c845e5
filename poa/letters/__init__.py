"""Letters and replies someone wrote: finding a letter's sections, reading Amazon's reply,
and the Draft, the pieces of text (from a letter or an answers file) the rubric reads.

May import poa.answers and poa.files; never the rubric, rendering or the front ends.
"""
