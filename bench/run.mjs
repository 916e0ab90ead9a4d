// npm run bench [-- pdf scans complaints index escalation startup]: runs the named benchmarks (all by default), one after another.
const SUITES = {
  pdf: () => import('./pdf.mjs'),
  scans: () => import('./scans.mjs'),
  complaints: () => import('./complaints.mjs'),
  index: () => import('./support-index.mjs'),
  escalation: () => import('./escalation.mjs'),
  startup: () => import('./startup.mjs'),
};

const wanted = process.argv.slice(2).filter((a) => a in SUITES);
for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) {
  let suite;
  try {
    suite = await SUITES[name]();
  } catch (error) {
    if (
      error?.code === 'ERR_MODULE_NOT_FOUND' &&
      String(error.message).includes(`${name === 'index' ? 'support-index' : name}.mjs`)
    )
      continue;
    throw error;
  }
  console.log(`\n=== ${name} ===`);
  await suite.run({ log: console.log });
}
