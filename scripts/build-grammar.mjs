// Writes grammar/syntaxes/rubric.tmLanguage.json from the token lists (run after `tsc -b`).
import fs from 'node:fs';
import { textMateGrammar } from '@rubric/grammar/textmate/textmate';

const file = new URL('../grammar/syntaxes/rubric.tmLanguage.json', import.meta.url);
fs.writeFileSync(file, `${JSON.stringify(textMateGrammar(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
