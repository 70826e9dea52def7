// The ink side of bench/ink_peer.py, run by node from a folder where inkjs is installed.
//   node ink_peer.js compile STORY.ink STORY.json   compile with inkjs's own compiler
//   node ink_peer.js edges STORY.json              print {knot: [knot each choice leads to]}
//   node ink_peer.js play STORY.json SECONDS       print {"playthroughs": n, "seconds": s}
// Every knot's line is tagged with the knot's name, so the edges are read by playing.
"use strict";
const fs = require("fs");
const { Compiler, Story } = require("inkjs/full");

const [command, file, extra] = process.argv.slice(2);

function knot(story) {
  story.ContinueMaximally();
  return story.currentTags[0];
}

function edges(story) {
  const graph = {};
  const waiting = [story.state.ToJson()];
  while (waiting.length > 0) {
    story.state.LoadJson(waiting.pop());
    const here = knot(story);
    const saved = story.state.ToJson();
    const count = story.currentChoices.length; // read now: each choice below moves the story on
    graph[here] = [];
    for (let i = 0; i < count; i++) {
      story.state.LoadJson(saved);
      story.ChooseChoiceIndex(i);
      const there = knot(story);
      graph[here].push(there);
      if (!(there in graph)) waiting.push(story.state.ToJson());
    }
  }
  return graph;
}

// Start, read the text and the choices, choose at random, until the story ends.
function playthrough(story) {
  story.ResetState();
  for (;;) {
    story.ContinueMaximally();
    const count = story.currentChoices.length;
    if (count === 0) return;
    story.ChooseChoiceIndex(Math.floor(Math.random() * count));
  }
}

function play(story, seconds) {
  const warmUpUntil = performance.now() + 200; // let the JIT compile the runtime first
  while (performance.now() < warmUpUntil) playthrough(story);
  const started = performance.now();
  let count = 0;
  while (performance.now() - started < seconds * 1000) {
    playthrough(story);
    count++;
  }
  return { playthroughs: count, seconds: (performance.now() - started) / 1000 };
}

if (command === "compile") {
  fs.writeFileSync(extra, new Compiler(fs.readFileSync(file, "utf8")).Compile().ToJson());
} else {
  const story = new Story(fs.readFileSync(file, "utf8"));
  const answer = command === "edges" ? edges(story) : play(story, Number(extra));
  process.stdout.write(JSON.stringify(answer));
}
