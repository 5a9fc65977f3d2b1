import MarkdownIt from 'markdown-it';

/**
 * The formatting a chat message may carry: **bold**, *italics*, `code` and
 * fenced code, bulleted and numbered lists, and links, written out or found
 * in the text (https, http and mailto only). Nothing else: HTML typed in a
 * message is shown as text (markdown-it escapes it), and so is a link to any
 * other scheme, such as `javascript:`.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true }).enable([
  'linkify',
  'list',
  'fence',
  'emphasis',
  'backticks',
  'newline',
  'escape',
  'link',
  'autolink',
]);

markdown.validateLink = (url) => /^(https?:|mailto:)/i.test(url.trim());

// Links open beside the conversation, and tell the site they go to nothing about Plenary or the reader.
const renderLinkOpen = markdown.renderer.rules.link_open ?? ((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index].attrSet('target', '_blank');
  tokens[index].attrSet('rel', 'noopener noreferrer nofollow ugc');
  return renderLinkOpen(tokens, index, options, env, self);
};

/** A message's text as HTML in the subset above; what markdown-it writes is escaped, so it is safe to put in the page. */
export function messageHtml(body: string): string {
  return markdown.render(body);
}
