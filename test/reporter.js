// Mocha's spec reporter plus the closing line every runner of this project prints:
// "N passed, N failed". CI and the real-VS-Code runner read that line.
'use strict';
const Mocha = require('mocha');
const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class DieuReporter extends Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`${s.passes} passed, ${s.failures} failed\n`);
    });
  }
}
module.exports = DieuReporter;
