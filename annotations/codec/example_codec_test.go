package codec_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spanmark/spanmark/annotations"
	"github.com/spanmark/spanmark/annotations/codec"
)

func ExampleEncode() {
	doc := annotations.NewDocument("Lavrov met Rubio in Riyadh.", "", "example")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	set.Apply(annotations.Add{Label: "actor", Start: 11, End: 16, Entity: "Marco Rubio"}, now)

	data, err := codec.Encode(annotations.NewFile(set, "ann", now))
	if err != nil {
		fmt.Println(err)
		return
	}
	// Print the annotations part of the file.
	s := string(data)
	fmt.Print(s[strings.Index(s, `  "annotations"`):strings.Index(s, `  "relations": []`)])
	// Output:
	//   "annotations": [
	//     {
	//       "id": "a1",
	//       "label": "actor",
	//       "start": 11,
	//       "end": 16,
	//       "quote": "Rubio",
	//       "prefix": "Lavrov met ",
	//       "suffix": " in Riyadh.",
	//       "entity": "Marco Rubio",
	//       "created": "2026-11-27T09:00:00Z",
	//       "modified": "2026-11-27T09:00:00Z"
	//     }
	//   ],
}

func ExampleDecode() {
	doc := annotations.NewDocument("Lavrov met Rubio in Riyadh.", "", "example")
	set := annotations.NewSet(doc, annotations.DefaultSchema())
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	set.Apply(annotations.Add{Label: "actor", Start: 11, End: 16}, now)
	data, _ := codec.Encode(annotations.NewFile(set, "ann", now))

	f, err := codec.Decode(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := f.Annotations[0]
	fmt.Println(a.ID, a.Label, a.Start, a.End, a.Quote)

	// A broken file: the span ends past the text, which is 27 code points.
	bad := strings.Replace(string(data), `"end": 16`, `"end": 70`, 1)
	_, err = codec.Decode([]byte(bad))
	var pe *annotations.PathError
	if errors.As(err, &pe) {
		fmt.Println(pe.Path, "on line", pe.Line)
	}
	fmt.Println(err)
	// Output:
	// a1 actor 11 16 Rubio
	// annotations[0].end on line 68
	// line 68: annotations[0].end: 70 is past the end of the text (27)
}
