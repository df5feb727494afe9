() => {
  // What every phone page must pass, measured on what the browser really drew (tests/phones/browser.py).
  const problems = [];
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  const parse = (text) => (text.match(/[\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const visible = (n) => {
    const r = n.getBoundingClientRect();
    const s = getComputedStyle(n);
    return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none';
  };
  const name = (n) => (n.getAttribute('aria-label') || n.innerText || '').trim();
  for (const n of document.querySelectorAll('body *')) {
    if (!visible(n) || n.closest('.sr-only')) continue;
    const own = Array.from(n.childNodes).some((c) => c.nodeType === 3 && c.textContent.trim());
    if (own) {
      const s = getComputedStyle(n);
      const fg = parse(s.color).slice(0, 3);
      const bg = background(n);
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)} of "${n.textContent.trim().slice(0, 40)}"`);
      if (n.scrollWidth > n.clientWidth + 1 && s.overflow !== 'visible') problems.push(`cut off: "${n.textContent.trim().slice(0, 40)}"`);
    }
    const r = n.getBoundingClientRect();
    if (r.right > window.innerWidth + 1) problems.push(`wider than the screen: <${n.tagName.toLowerCase()} class="${n.className}">`);
  }
  for (const n of document.querySelectorAll('button, input, select, textarea, a[href]')) {
    if (!visible(n)) continue;
    const r = n.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) problems.push(`target ${Math.round(r.width)}x${Math.round(r.height)}: ${n.id || name(n)}`);
    if (n.tagName === 'INPUT' && !(n.labels && n.labels.length)) problems.push(`no label: ${n.id}`);
    if (n.tagName !== 'INPUT' && !name(n)) problems.push(`no name: ${n.outerHTML.slice(0, 60)}`);
  }
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push('the page scrolls sideways');
  return problems;
}
