// Libraries only some visitors need (the hub client once signed in, the chart on "My focus") are fetched the first
// time they are needed, so a signed-out first visit does not download them.

/** @type {Map<string, Promise<void>>} */
const loading = new Map();

/** Loads a vendored classic script once; resolves when its globals are there. */
export function loadScript(/** @type {string} */ src) {
  if (!loading.has(src)) {
    loading.set(src, new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => resolve();
      script.onerror = () => { loading.delete(src); reject(new Error(`${src} did not load`)); };
      document.head.append(script);
    }));
  }
  return loading.get(src);
}
