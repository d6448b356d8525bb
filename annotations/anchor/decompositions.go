package anchor

// decompositions lists the canonical decompositions (NFD) of the Latin
// letters of U+00C0-U+017F (Latin-1 and Latin Extended-A), generated from
// golang.org/x/text/unicode/norm (see TestDecompositions): a combining mark
// (U+0300-U+036F) starts the list of the letters that end with it, each
// letter followed by what it decomposes to without the mark, which may be
// a precomposed letter itself ("Ầ" is "Â" and U+0300). A string, rather
// than a table of code points, because it is half the size in the browser.
const decompositions = "" +
	"\u0300ÀAÈEÌIÒOÙUàaèeìiòoùu" +
	"\u0301ÁAÉEÍIÓOÚUÝYáaéeíióoúuýyĆCćcĹLĺlŃNńnŔRŕrŚSśsŹZźz" +
	"\u0302ÂAÊEÎIÔOÛUâaêeîiôoûuĈCĉcĜGĝgĤHĥhĴJĵjŜSŝsŴWŵwŶYŷy" +
	"\u0303ÃAÑNÕOãañnõoĨIĩiŨUũu" +
	"\u0304ĀAāaĒEēeĪIīiŌOōoŪUūu" +
	"\u0306ĂAăaĔEĕeĞGğgĬIĭiŎOŏoŬUŭu" +
	"\u0307ĊCċcĖEėeĠGġgİIŻZżz" +
	"\u0308ÄAËEÏIÖOÜUäaëeïiöoüuÿyŸY" +
	"\u030AÅAåaŮUůu" +
	"\u030BŐOőoŰUűu" +
	"\u030CČCčcĎDďdĚEěeĽLľlŇNňnŘRřrŠSšsŤTťtŽZžz" +
	"\u0327ÇCçcĢGģgĶKķkĻLļlŅNņnŖRŗrŞSşsŢTţt" +
	"\u0328ĄAąaĘEęeĮIįiŲUųu"
