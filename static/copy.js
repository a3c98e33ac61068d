// The subscribe panel's copy button (templates/pages/feeds.html): shown only when this script
// runs, so that without script the address stays a plain read-only field to select and copy.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("button.copy[data-copies]")) {
    const field = document.getElementById(button.dataset.copies);
    const note = document.getElementById("copy-note");
    if (!field) continue;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = field.dataset.copy || field.value;
      try {
        await navigator.clipboard.writeText(text);
        note.textContent = "已复制订阅地址";
      } catch (error) {
        field.select();  // the browser refused: leave it selected for the person to copy
        note.textContent = "请长按或按 Ctrl+C 复制";
      }
    });
  }
});
