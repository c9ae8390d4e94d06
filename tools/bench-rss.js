// Preloaded into each benchmarked synth: writes the process's peak resident set size (KB) when it exits.
'use strict';
process.on('exit', () => {
  if (process.env.FT_RSS_FILE) {
    require('fs').writeFileSync(process.env.FT_RSS_FILE, String(process.resourceUsage().maxRSS));
  }
});
