/** Number display shared by the status bar and the preview (published figures; fixed decimals). */
export function fixed(x: number, decimals: number): string {
  return x.toFixed(decimals);
}

/** A change with its sign: `+0.12`, `−0.46` (typographic minus). Inputs are published figures. */
export function signed(delta: number, decimals: number): string {
  const p = 10 ** decimals;
  const r = Math.round(delta * p) / p;
  if (r === 0) return `±${(0).toFixed(decimals)}`;
  return r > 0 ? `+${r.toFixed(decimals)}` : `−${(-r).toFixed(decimals)}`;
}
