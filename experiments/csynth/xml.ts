// XML text -> a small ordered element tree, the only shape the csynth reader needs: an element's name, its
// child elements in document order, and its text. fast-xml-parser does the parsing; its preserveOrder output
// ({ tag: children[] } and { '#text': '...' } objects) is folded into XmlElement here so the reader never sees it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FpgasimError } from '../../kernels/errors.js';

export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string; // the element's own text, trimmed ('' when it has none)
}

type OrderedNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true, // loops are listed in the order Vitis wrote them
  ignoreAttributes: true,
  parseTagValue: false, // numbers, 'undef' and '1 ~ 99' are told apart by the csynth reader, not guessed here
  ignoreDeclaration: true,
  ignorePiTags: true,
});

/** The root element of an XML document; source names the file in the one-line error for text that is not XML. */
export function parseXml(text: string, source: string): XmlElement {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new FpgasimError(`${source}: not an XML file (line ${line}: ${msg})`);
  }
  const roots = (parser.parse(text) as OrderedNode[]).map(toElement).filter((e): e is XmlElement => e !== null);
  if (roots.length !== 1) throw new FpgasimError(`${source}: not an XML file (expected one root element, found ${roots.length})`);
  return roots[0];
}

function toElement(node: OrderedNode): XmlElement | null {
  const name = Object.keys(node).find((key) => key !== ':@' && key !== '#text');
  if (name === undefined) return null;
  const content = node[name] as OrderedNode[];
  return {
    name,
    children: content.map(toElement).filter((e): e is XmlElement => e !== null),
    text: content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('')
      .trim(),
  };
}

/** The first child element called name, if any. */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}
