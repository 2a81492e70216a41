import { createSpinner } from './spinner.js';
import { mulberry32 } from './prng.js';
const texts = [
  'The National Weather Service said on Monday that a federal judge blocked the rule during the hearing.',
  'The Fulton County Grand Jury said Friday an investigation of Atlanta\'s recent primary election produced no evidence that any irregularities took place.',
  'Shares on Wall Street fell as interest rates rose year over year, and the attorney general will appeal at least 12 cases.',
  'President Kennedy told reporters that the Centers for Disease Control had found 3 cases, because the agency was working with the Department of Education.',
];
for (const name of ['A', 'B'] as const) {
  const s = createSpinner(name);
  for (const t of texts) for (let i = 0; i < 2; i++) {
    const r = s.spin(t, 0.3, mulberry32(i * 7 + 1));
    console.log(name, r.text, '|', r.spans.map((x) => `${x.original}->${x.spun}`).join('; '));
  }
}
