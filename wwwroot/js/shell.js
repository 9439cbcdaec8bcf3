// Shell keyboard shortcuts and clipboard, used by ShellInterop (src/ClusterNet.Web/Interop/ShellInterop.cs).
// "/" focuses the global search box; "Escape" asks .NET to clear the selection (the details drawer closes).
let keydown = null;

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
  // Lets browser tests wait until the shortcuts are live.
  document.documentElement.dataset.clusternetShortcuts = 'ready';
}

export function dispose() {
  if (keydown) {
    document.removeEventListener('keydown', keydown);
    keydown = null;
    delete document.documentElement.dataset.clusternetShortcuts;
  }
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
