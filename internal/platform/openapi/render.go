package openapi

import (
	"bytes"
	"encoding/json"

	"go.yaml.in/yaml/v3"
)

// rendered is what is served of the document.
type rendered struct {
	json      []byte
	yaml      []byte
	reference []byte
}

func render(doc *Document) (*rendered, error) {
	out := &rendered{}
	var err error
	if out.json, err = json.MarshalIndent(doc, "", "  "); err != nil {
		return nil, err
	}
	if out.yaml, err = toYAML(out.json); err != nil {
		return nil, err
	}
	if out.reference, err = renderReference(doc); err != nil {
		return nil, err
	}
	return out, nil
}

// toYAML re-encodes the JSON document as block-style YAML. Going through yaml.Node keeps
// the JSON's key order (openapi, info, paths, …), which a map would lose.
func toYAML(js []byte) ([]byte, error) {
	var n yaml.Node
	if err := yaml.Unmarshal(js, &n); err != nil {
		return nil, err
	}
	blockStyle(&n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&n); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// blockStyle drops the flow style and quotes that parsing JSON left on every node; the
// encoder quotes again only the strings that would otherwise read as another type.
func blockStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		blockStyle(c)
	}
}
