// Production dependencies against npm's advisories: a high or critical one fails the run.
// When the registry's advisory service cannot be reached (some mirrors answer 405), the check
// cannot be made: that is said loudly, and the run goes on.
import { spawnSync } from 'node:child_process';

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  console.error(`npm audit gave no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = report.message ?? report.error?.summary ?? JSON.stringify(report).slice(0, 300);
  console.warn(`WARNING: npm audit could not reach the advisory service (${why}); production dependencies were NOT checked for advisories.`);
  process.exit(0);
}
const serious = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => v.severity === 'high' || v.severity === 'critical');
if (serious.length > 0) {
  console.error(`npm audit: ${serious.length} production dependencies with high or critical advisories:`);
  for (const [name, v] of serious) console.error(`  ${name} (${v.severity}): ${[v.via].flat().map((x) => (typeof x === 'string' ? x : x.title)).join('; ')}${v.fixAvailable ? ' — a fix is available' : ''}`);
  process.exit(1);
}
console.log(`npm audit: no high or critical advisories in production dependencies (${counts.total ?? 0} of lower severity).`);
