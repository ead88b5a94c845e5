"""The drafting screen: a Textual front end over the core (answers, rubric, rendering).

Nothing here decides what a good Plan of Action is: findings come from the
rubric engine, step marks from poa.status, the letter from poa.render. This
package only shows them and edits the answers. Importing it loads Textual, so
the command line imports it only when the drafting screen is opened.
"""
