// Small accessibility repairs to Material's pages, run on every page (Material's document$ observable).
document$.subscribe(() => {
  // Material's search is a dialog with no name: screen readers announce it as "dialog".
  const search = document.querySelector('.md-search[role="dialog"]:not([aria-label])')
  if (search) search.setAttribute("aria-label", "Search this site")

  // Glossary tooltips for keyboard users. Material shows an abbreviation's meaning on hover and on focus, but
  // an <abbr> takes no focus of its own: the first use of each term on a page joins the Tab order. Uses inside
  // a link are left out (a link takes focus itself; focusable content inside it confuses screen readers).
  const seen = new Set()
  for (const abbr of document.querySelectorAll("article abbr")) {
    const term = abbr.textContent.trim()
    if (seen.has(term) || abbr.closest("a, button, summary")) continue
    seen.add(term)
    abbr.tabIndex = 0
  }
})
