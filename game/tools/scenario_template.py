"""The commented scenario file that `new` fills in: the shape, the numbers and a comment on every key.

The words of each channel live in `template_words.py`; `new_scenario.py` puts both together. The
shape is the same for every channel, so a trainer who has read one new file has read them all:
four nodes (one of them a routing node), a timer, a flag and a choice that needs it, two endings.
`${...}` marks a place for quoted words; `$$` is a plain `$`.
"""

from __future__ import annotations

from string import Template

SCENARIO = Template(
    r"""# yaml-language-server: $$schema=${schema}
#
# A new scenario, made by `python3 main.py new`. It already works: check it with
#   python3 main.py validate FILE
# and play it with
#   python3 main.py play FILE --text
# where FILE is this file's path. Then make it yours: change the words, keep the shape,
# and check again after every change.
# The guide for trainers: docs/authoring.md. Every key, in full: docs/scenario-format.md.
#
# How to read this file:
# - Everything after a # (at the start of a line, or after a space) is a comment:
#   the game ignores it. Delete the comments once you no longer need them.
# - Indent with spaces, never tabs. Things that belong together line up exactly.
# - Put every text in "double quotes". Inside the quotes, write a double quote as \"
#   (apostrophes need nothing). Without quotes, a colon or a # in the text breaks it.
# - Ids (of the scenario, nodes, answers, endings and flags) are lowercase letters,
#   digits and hyphens, with no spaces. Once trainees have played, never change an id:
#   saves and results refer to them. Change the words as much as you like.

# The scenario's permanent id: unique in the library, never changed once trainees have played it.
id: ${id}
# The name trainees see in the list of scenarios.
title: ${title}
# One or two sentences that set the scene before play starts.
summary: ${summary}
channel: ${channel}    # how the customer reaches the trainee: in-person, phone or chat
difficulty: 2    # 1 is gentle, 5 is very hard
objectives:    # what the trainee practises, one line each (at most 12)
  - "Show that the problem matters, then offer help"
  - "Don't take the anger personally"
  - "Hold a kind, clear limit when the customer asks for a manager"
  - "Say exactly what happens next, and when"
# Notes for other authors (here, on a node, an answer or an ending): the game never shows them.
notes: "Made from the template of python3 main.py new."

customer:
  name: ${name}    # shown as the speaker of the customer's lines
  # The face the game draws: walk-in-man, caller-woman, young-man, young-woman, older-man, older-woman.
  portrait: ${portrait}
  anger: 60    # anger at the start: 0 is calm, 100 is furious
  walks_out_at: 90    # when an answer takes anger to 90 or more, the customer leaves...
  walks_out_to: walked-out    # ...and the conversation goes to this ending (an ending's id, below)
  temperament: {min: 90, max: 110}    # each run scales every anger change by a percent from this range

# Answers come in a new order each time, so nobody learns "always pick the first".
# (`shuffle: false` on a node keeps that node's answers in the order written.)
variation:
  shuffle_choices: true

start: opening    # the node where the conversation starts

# Someone else who speaks, such as a team leader? Remove the # in front of the four lines
# below, and write `speaker: sam` on each node where Sam speaks (and `scene: review` for a
# talk after the customer has gone: no anger meter there).
# people:
#   sam:
#     name: "Sam (team leader)"
#     portrait: team-leader

# The conversation's steps. Each node has an id (here: opening, check-mood, wants-manager,
# put-right), the customer's line, and the trainee's possible answers.
nodes:
  opening:
    notes: "The first outburst. The best answer shows it matters and asks for what is needed to help."
    speaker: customer    # who says this node's line: customer, or a person under people
    scene: ${scene}    # how it looks: counter, phone, chat, or review (a room with no anger meter)
    # Two more keys a node may have: `where: "At the desk"` says where the conversation is now
    # (shown from this node on, until another node names a place), and `expression: sheepish`
    # changes the speaker's face for this line: amused, embarrassed, hurt, relieved, sheepish,
    # suspicious or worried.
    # What the trainee sees happen, before the customer speaks.
    narration: ${narration}
    # What the customer says. With a list, one wording is picked at random on each visit.
    say:
      - ${opening_say_1}
      - ${opening_say_2}
    # What the trainee can answer: 1 to 9 answers, picked with the number keys.
    choices:
      - id: acknowledge    # the answer's id: unique within this node
        # What the trainee says, as shown on the button.
        text: ${acknowledge_text}
        # Minus anger calms the customer; plus on a score is good, minus is bad.
        effects: {anger: -15, composure: 5, assertiveness: 5, resolution: 5}
        # The debrief's explanation: why this answer helped or hurt.
        feedback: ${acknowledge_feedback}
        principle: acknowledge-importance    # the principle it follows or breaks: an id in scenarios/principles.yaml
        sets: [has-details]    # flags this answer turns on (and `clears: [...]` turns flags off)
        next: check-mood    # where this answer leads: a node or an ending
      - id: calm-down
        text: ${calm_down_text}
        effects: {anger: 15, composure: -5, assertiveness: -5, resolution: -5}
        # For a poor answer, the feedback gives the better words, in quotes.
        feedback: ${calm_down_feedback}
        principle: never-say-calm-down
        next: check-mood
      - id: i-understand
        text: ${i_understand_text}
        effects: {anger: 10, composure: -5, assertiveness: -5, resolution: -5}
        feedback: ${i_understand_feedback}
        principle: avoid-i-understand
        next: check-mood
      - id: promise
        text: ${promise_text}
        effects: {anger: -10, composure: 0, assertiveness: -10, resolution: -5}
        feedback: ${promise_feedback}
        principle: be-kind-not-a-doormat
        next: check-mood

  # A routing node: no line and no answers. It sends the conversation on at once, to the
  # first entry whose `if` holds. The last entry has no `if`: it catches every other case.
  check-mood:
    route:
      - if: {anger: {at_least: 60}}    # still angry...
        next: wants-manager
      - next: put-right    # ...or calmer

  wants-manager:
    say:
      - ${manager_say_1}
      - ${manager_say_2}
    timer: 20    # seconds the trainee has to answer...
    timeout:    # ...or this happens, as if it were an answer
      effects: {anger: 10, composure: -5, assertiveness: -5, resolution: -5}
      feedback: ${silence_feedback}
      principle: take-action
      next: put-right
    choices:
      - id: hold-limit
        text: ${hold_limit_text}
        effects: {anger: -15, composure: 5, assertiveness: 10, resolution: 5}
        feedback: ${hold_limit_feedback}
        principle: set-limits-kindly
        sets: [has-details]
        next: put-right
      - id: snap
        text: ${snap_text}
        effects: {anger: 20, composure: -10, assertiveness: 0, resolution: -5}
        feedback: ${snap_feedback}
        principle: dont-take-it-personally
        next: put-right
      - id: pass-on
        text: ${pass_on_text}
        effects: {anger: -5, composure: 0, assertiveness: -5, resolution: -10}
        feedback: ${pass_on_feedback}
        principle: take-action
        next: put-right

  put-right:
    say:
      - ${what_now_say_1}
      - ${what_now_say_2}
    choices:
      - id: fix-it
        text: ${fix_it_text}
        if: {flag: has-details}    # this answer can be picked only when the condition holds
        when_unavailable: show    # show: greyed out, with the hint below; hide: left out altogether
        unavailable_hint: ${fix_it_hint}
        effects: {anger: -20, composure: 5, assertiveness: 5, resolution: 15}
        feedback: ${fix_it_feedback}
        principle: take-action
        next: sorted
      - id: ask-now
        text: ${ask_now_text}
        effects: {anger: -5, composure: 5, assertiveness: 0, resolution: 5}
        feedback: ${ask_now_feedback}
        principle: ask-questions
        next: sorted
      - id: quote-policy
        text: ${policy_text}
        effects: {anger: 15, composure: 0, assertiveness: 0, resolution: -10}
        feedback: ${policy_feedback}
        principle: offer-alternatives
        next: walked-out

# The ways the conversation can end. The debrief follows.
endings:
  sorted:
    outcome: resolved    # how it went: resolved, partial, escalated or lost
    title: ${sorted_title}    # the ending's heading on the debrief
    # What happened afterwards.
    text: ${sorted_text}
  walked-out:
    outcome: lost
    title: ${walked_out_title}
    text: ${walked_out_text}
    # Points for ending this way, counted once. No anger here: the conversation is over.
    effects: {resolution: -10}
"""
)
