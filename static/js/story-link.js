// The body editor's "link to a story" button: a dialog that searches the
// stories by headline and links the selected words to the one chosen, stored
// as href="story:<id>" so the link follows the story's address (see
// stories/story_body.py). With nothing selected, the headline is inserted as
// the link's words. Loaded by django-prose-editor as an extension module.
import { Extension } from "django-prose-editor/editor"

// The admin's own JSON view beside the change form (StoryAdmin.link_targets_view);
// the admin's address is configurable, so it is found from this page's.
const targetsUrl = () =>
  window.location.pathname.replace(/stories\/story\/.*$/, "stories/story/link-targets/")

let dialog = null
let activeEditor = null
let pending = null

function buildDialog() {
  dialog = document.createElement("dialog")
  dialog.className = "story-link-dialog"
  dialog.setAttribute("aria-labelledby", "story-link-title")
  dialog.innerHTML =
    '<div class="story-link-dialog__head"><h2 id="story-link-title">Link to a story</h2>' +
    '<button type="button" class="button story-link-dialog__close">Close</button></div>' +
    '<p class="story-link-dialog__help">The link follows the story if its address changes. ' +
    "A story visitors can't see yet is shown as plain words until it is live.</p>" +
    '<label for="story-link-query">Find a story by its headline</label> ' +
    '<input type="search" id="story-link-query" class="vTextField" autocomplete="off">' +
    '<p class="story-link-dialog__status" role="status"></p>' +
    '<ul class="story-link-dialog__results"></ul>'
  document.body.appendChild(dialog)
  const query = dialog.querySelector("#story-link-query")
  let timer = null
  query.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(() => search(query.value), 200)
  })
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault() // not the story form's submit
      dialog.querySelector(".story-link-dialog__choice")?.click()
    }
  })
  dialog.querySelector(".story-link-dialog__close").addEventListener("click", () => dialog.close())
  dialog.addEventListener("click", (event) => {
    const choice = event.target.closest(".story-link-dialog__choice")
    if (choice) choose(choice.dataset.id, choice.dataset.headline)
  })
  dialog.addEventListener("close", () => activeEditor?.commands.focus())
}

async function search(text) {
  pending?.abort()
  pending = new AbortController()
  const status = dialog.querySelector(".story-link-dialog__status")
  const list = dialog.querySelector(".story-link-dialog__results")
  const url = new URL(targetsUrl(), window.location.href)
  url.searchParams.set("q", text)
  let found
  try {
    const response = await fetch(url, { credentials: "same-origin", signal: pending.signal })
    if (!response.ok) throw new Error(String(response.status))
    found = (await response.json()).stories
  } catch (error) {
    if (error.name === "AbortError") return
    status.textContent = "The stories could not be loaded; try again."
    return
  }
  list.replaceChildren(
    ...found.map((story) => {
      const item = document.createElement("li")
      const button = document.createElement("button")
      button.type = "button"
      button.className = "story-link-dialog__choice"
      button.dataset.id = story.id
      button.dataset.headline = story.headline
      button.textContent = story.headline
      if (!story.live) {
        const note = document.createElement("span")
        note.className = "story-link-dialog__note"
        note.textContent = " (not live: plain words until it is)"
        button.append(note)
      }
      item.append(button)
      return item
    }),
  )
  status.textContent = found.length
    ? `${found.length} ${found.length === 1 ? "story" : "stories"} found.`
    : "No story has those words in its headline."
}

function choose(id, headline) {
  const editor = activeEditor
  const href = `story:${id}`
  dialog.close()
  const chain = editor.chain().focus()
  if (editor.state.selection.empty && !editor.isActive("link")) {
    chain.insertContent({ type: "text", text: headline, marks: [{ type: "link", attrs: { href } }] })
  } else {
    chain.extendMarkRange("link").setLink({ href })
  }
  chain.run()
}

function open(editor) {
  if (!dialog) buildDialog()
  activeEditor = editor
  const query = dialog.querySelector("#story-link-query")
  query.value = editor.state.doc.textBetween(editor.state.selection.from, editor.state.selection.to, " ")
  dialog.showModal()
  query.focus()
  query.select()
  search(query.value)
}

export const StoryLink = Extension.create({
  name: "storyLink",

  addMenuItems({ menu, buttons }) {
    menu.defineItem({
      name: "storyLink",
      groups: "link",
      priority: 90, // after the ordinary link button
      command: open,
      button: buttons.material("article", "link to a story"),
    })
  },
})
