// The parts of CodeMirror 6 the article editor uses, bundled into codemirror.min.js by
// `npm run vendor` (see README, "Writing in the editor"). Edit this list, then re-run it.
export { EditorSelection, EditorState } from "@codemirror/state";
export { EditorView, drawSelection, keymap, placeholder } from "@codemirror/view";
export { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
export { HighlightStyle, LanguageSupport, syntaxHighlighting } from "@codemirror/language";
export { markdownLanguage } from "@codemirror/lang-markdown";
export { tags } from "@lezer/highlight";
