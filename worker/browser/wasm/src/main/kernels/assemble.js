// Assembles kernels.wat into kernels.wasm with wabt (pinned in package-lock.json): SIMD128 on,
// everything else off. Usage: node assemble.js IN.wat OUT.wasm
'use strict';
const fs = require('fs');
const path = require('path');

async function main() {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    throw new Error('usage: node assemble.js IN.wat OUT.wasm');
  }
  const wabt = await require('wabt')();
  const text = fs.readFileSync(input, 'utf8');
  const module = wabt.parseWat(path.basename(input), text, { simd: true });
  try {
    module.resolveNames();
    module.validate();
    const { buffer } = module.toBinary({ log: false, canonicalize_lebs: true, write_debug_names: false });
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(output, buffer);
    console.log('kernels: ' + output + ' (' + buffer.length + ' bytes)');
  } finally {
    module.destroy();
  }
}

main().catch((e) => {
  console.error('kernels: ' + (e && e.message ? e.message : e));
  process.exit(1);
});
