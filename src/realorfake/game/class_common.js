"use strict";
// Shared by class mode's two pages (the host's and the players'): the current item's picture, or its clip.
// A clip's frames are fetched once each and then cycled (never fetched again at every step); a device that
// asks for reduced motion gets the first frame only.
const itemPicture = {
  urls: [], timer: null, shown: "",
  async show(img, position, revealed, language, alt) {
    const key = position + ":" + revealed + ":" + language;
    if (key === this.shown) return;
    this.shown = key;
    clearInterval(this.timer); this.timer = null;
    const info = await (await fetch("api/frames")).json().catch(() => ({ frames: 1, ms: 0 }));
    const count = info.frames || 1;
    const address = (frame) => "api/picture/" + position + ".jpg?frame=" + frame + "&lang=" + language + "&r=" + (revealed ? 1 : 0);
    img.alt = alt;
    if (count === 1 || matchMedia("(prefers-reduced-motion: reduce)").matches) { img.src = address(0); return; }
    const fetched = await Promise.all([...Array(count).keys()].map(async (k) => URL.createObjectURL(await (await fetch(address(k))).blob())));
    if (key !== this.shown) { fetched.forEach((url) => URL.revokeObjectURL(url)); return; }  // the item changed meanwhile
    this.urls.forEach((url) => URL.revokeObjectURL(url));
    this.urls = fetched;
    let frame = 0;
    img.src = fetched[0];
    this.timer = setInterval(() => { frame = (frame + 1) % fetched.length; img.src = fetched[frame]; }, info.ms || 125);
  },
};
