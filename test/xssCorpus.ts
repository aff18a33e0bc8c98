/** Log lines that try to become markup or script wherever netsleuth shows them (each ends in a failure). */
export const XSS_PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '<svg onload=alert(3)>',
  '<iframe src="javascript:alert(4)"></iframe>',
  '"><script>alert(5)</script>',
  "'><img src=x onerror=alert(6)>",
  '</pre><script>alert(7)</script>',
  '</code></td></tr></table><script>alert(8)</script>',
  '<body onload=alert(9)>',
  '<details open ontoggle=alert(10)>',
  '<a href="javascript:alert(11)">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(12)>',
  '<style>*{display:none}</style>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '{{constructor.constructor("alert(13)")()}}',
  '`<img src=x onerror=alert(14)>`',
  '| <img src=x onerror=alert(15)> |',
  '[x](javascript:alert(16))',
  '![x](https://evil.example/pixel.png)',
  '&lt;script&gt;alert(17)&lt;/script&gt;',
];

/** One log line per payload, each a real connection failure so the line is quoted in every report. */
export function hostileLog(): string {
  return XSS_PAYLOADS.map(
    (p, i) =>
      `2024-05-14T09:${String(10 + i).padStart(2, '0')}:08.114Z ${p} Error: connect ECONNREFUSED 10.0.${i}.42:5432\n`,
  ).join('');
}
