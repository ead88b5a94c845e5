"""The drafting screen: a Textual front end over the core (answers, rubric, rendering).

Nothing here decides what a good Plan of Action is: findings come from the
rubric engine, step marks from poa.workflow.status, the letter from poa.render.letter. This
package only shows them and edits the answers. Importing it loads Textual, so
only the `poa` launcher (poa/__main__.py) imports it, when the drafting screen is
opened. May import every layer below (workflow, render, rubric, letters, answers,
files) and poa.startup_gc; never poa.cli.
"""
