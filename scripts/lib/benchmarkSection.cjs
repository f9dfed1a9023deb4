// One named section of docs/benchmarks.md, replaced (or appended) and formatted by the repo's
// prettier so `prettier --check` in CI finds nothing to change. CommonJS so that both the jest
// benchmarks and the node:test browser suites load it.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { format, resolveConfig } = require('prettier');

const BENCHMARKS_FILE = resolve(__dirname, '../../docs/benchmarks.md');

/**
 * @param {string} name the section's name in its start and end markers
 * @param {string} markdown the section's text
 */
function writeBenchmarkSection(name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const config = resolveConfig.sync(BENCHMARKS_FILE) ?? {};
  const formatted = format(markdown.trim(), { ...config, parser: 'markdown' });
  const block = `${start}\n\n${formatted.trim()}\n\n${end}`;
  const current = existsSync(BENCHMARKS_FILE)
    ? readFileSync(BENCHMARKS_FILE, 'utf8')
    : '# Benchmarks\n\nFigures written by the benchmark suites (`./scripts/bench`); each section says how it was measured.\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}

module.exports = { BENCHMARKS_FILE, writeBenchmarkSection };
