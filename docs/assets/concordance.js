// Small accessibility repairs to Material's pages, run on every page (Material's document$ observable).
document$.subscribe(() => {
  // Material's search is a dialog with no name: screen readers announce it as "dialog".
  const search = document.querySelector('.md-search[role="dialog"]:not([aria-label])')
  if (search) search.setAttribute("aria-label", "Search this site")

  // Material names a nested section's menu by a label that holds only its toggle icon: screen readers hear
  // several navigation landmarks with no name. Name each after its section.
  for (const nav of document.querySelectorAll("nav.md-nav[aria-labelledby]")) {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"))
    if (label && label.textContent.trim()) continue
    const title = nav.closest(".md-nav__item")?.querySelector(".md-nav__link")?.textContent.trim()
    if (title) {
      nav.removeAttribute("aria-labelledby")
      nav.setAttribute("aria-label", title)
    }
  }

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

// Arriving at a quoted passage (a source page's #passage): move keyboard focus to it, and offer the way back
// to the claim the reader came from (the link carries it as ?from=<claim id>). Without JavaScript the passage
// still stands out (CSS :target) and lists every claim that cites it.
function arriveAtPassage() {
  const id = decodeURIComponent(location.hash.slice(1))
  const anchor = id && document.getElementById(id)
  if (!anchor || !anchor.classList.contains("cc-anchor")) return
  const mark = anchor.closest("mark.cc-passage")
  if (!mark) return
  for (const old of document.querySelectorAll("mark.cc-arrived")) old.classList.remove("cc-arrived")
  mark.classList.add("cc-arrived")
  const cited = mark.nextElementSibling
  const from = new URLSearchParams(location.search).get("from")
  if (cited && cited.classList.contains("cc-cited-by") && from && !cited.querySelector(".cc-back")) {
    const claim = [...cited.querySelectorAll("a.cc-passage-link")].find(a => a.hash === "#" + encodeURIComponent(from))
    if (claim) {
      const back = document.createElement("a")
      back.href = claim.href
      back.className = "cc-back"
      back.textContent = "← Back to the claim you came from"
      back.dataset.tip = claim.textContent
      cited.prepend(back, " ")
    }
  }
  mark.tabIndex = -1
  // After the browser's own move to the #fragment, which would otherwise take the focus back to the page.
  const focus = () => requestAnimationFrame(() => mark.focus({ preventScroll: true }))
  if (document.readyState === "complete") focus()
  else window.addEventListener("load", focus, { once: true })
}
document$.subscribe(arriveAtPassage)
window.addEventListener("hashchange", arriveAtPassage)

// Previews (a `data-tip` attribute on verdicts, $ marks, claim links and "in context" links): one tooltip element
// and a few listeners on the document, so a page with a hundred previews does no work for them at load. (Material
// builds a tooltip for every `title` at load: ~300 ms of blocking time on the largest topic page. Only glossary
// terms keep a `title`, and Material's tooltip.) Shown on hover and on keyboard focus, hidden by Esc; the pointer
// can move onto it. While shown, the element points to it with aria-describedby, so screen readers read it too.
;(() => {
  let tip = null
  let owner = null

  function hide() {
    if (!owner) return
    owner.removeAttribute("aria-describedby")
    owner = null
    tip.hidden = true
  }

  function show(el) {
    if (el === owner) return
    hide()
    if (!tip) {
      tip = document.createElement("div")
      tip.id = "cc-tip"
      tip.className = "cc-tip"
      tip.setAttribute("role", "tooltip")
      tip.addEventListener("mouseleave", e => { if (owner && !owner.contains(e.relatedTarget)) hide() })
      document.body.append(tip)
    }
    tip.textContent = el.dataset.tip
    tip.hidden = false
    owner = el
    el.setAttribute("aria-describedby", tip.id)
    // Below the element, or above it when there is no room below; never past either side of the screen.
    const at = el.getBoundingClientRect()
    const size = tip.getBoundingClientRect()
    const width = document.documentElement.clientWidth
    const left = Math.max(8, Math.min(at.left + at.width / 2 - size.width / 2, width - size.width - 8))
    let top = at.bottom + 6
    if (top + size.height > innerHeight && at.top - size.height - 6 > 0) top = at.top - size.height - 6
    tip.style.left = `${left + scrollX}px`
    tip.style.top = `${top + scrollY}px`
  }

  const target = e => (e.target instanceof Element ? e.target.closest("[data-tip]") : null)
  document.addEventListener("mouseover", e => { const el = target(e); if (el) show(el) })
  document.addEventListener("mouseout", e => {
    if (owner && owner.contains(e.target) && !owner.contains(e.relatedTarget) && !tip.contains(e.relatedTarget)) hide()
  })
  document.addEventListener("focusin", e => { const el = target(e); if (el) show(el) })
  document.addEventListener("focusout", e => { if (owner && owner.contains(e.target)) hide() })
  document.addEventListener("keydown", e => { if (e.key === "Escape") hide() })
})()
