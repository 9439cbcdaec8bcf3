// Shell keyboard shortcuts, skip link, theme memory and clipboard, used by ShellInterop
// (src/ClusterNet.Web/Interop/ShellInterop.cs).
// "/" focuses the global search box; "Escape" asks .NET to clear the selection (the details drawer closes);
// the skip link ("Skip to content") moves focus to the main region.
let keydown = null;
let click = null;

function isEditable(target) {
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

export function initialize(dotNetRef, searchInputId) {
  dispose();
  keydown = (e) => {
    if (e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !isEditable(e.target)) {
      const input = document.getElementById(searchInputId);
      if (input) {
        e.preventDefault();
        input.focus();
        input.select?.();
      }
    } else if (e.key === 'Escape' && !document.querySelector('.mud-popover-open')) {
      if (isEditable(e.target)) e.target.blur();
      dotNetRef.invokeMethodAsync('OnEscape').catch(() => { /* circuit gone */ });
    }
  };
  document.addEventListener('keydown', keydown);
  // The skip link: focus the target itself (scrolling alone would leave the focus on the link).
  click = (e) => {
    const link = e.target.closest?.('[data-skip-link]');
    if (!link) return;
    const target = document.getElementById(link.dataset.skipLink);
    if (target) {
      e.preventDefault();
      e.stopPropagation();
      target.focus();
      target.scrollIntoView?.({ block: 'start' });
    }
  };
  document.addEventListener('click', click, true);
  // Lets browser tests wait until the shortcuts are live.
  document.documentElement.dataset.clusternetShortcuts = 'ready';
}

export function dispose() {
  if (keydown) {
    document.removeEventListener('keydown', keydown);
    document.removeEventListener('click', click, true);
    keydown = null;
    click = null;
    delete document.documentElement.dataset.clusternetShortcuts;
  }
}

// The theme choice survives a reload: the server reads this cookie when it sends the page (App.razor), so the first
// paint already has the chosen colours. Not HttpOnly by design: it holds only "light", "dark" or "system-dark|light".
export function rememberTheme(value, name) {
  document.cookie = `cn-theme=${encodeURIComponent(value)}; path=/; max-age=31536000; SameSite=Lax`;
  document.documentElement.dataset.cnTheme = name;
  document.querySelector('meta[name=color-scheme]')?.setAttribute('content', name);
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Older browsers or an insecure context: fall back to a hidden textarea.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch { ok = false; }
    area.remove();
    return ok;
  }
}
