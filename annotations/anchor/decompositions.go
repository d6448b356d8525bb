package anchor

// decompositions lists the canonical decompositions (NFD) of the Latin
// letters of U+00C0-U+024F and U+1E00-U+1EFF, generated from
// golang.org/x/text/unicode/norm (see TestDecompositions): a combining mark
// (U+0300-U+036F) starts the list of the letters that end with it, each
// letter followed by what it decomposes to without the mark, which may be
// a precomposed letter itself ("Ầ" is "Â" and U+0300). A string, rather
// than a table of code points, because it is half the size in the browser.
const decompositions = "" +
	"\u0300ÀAÈEÌIÒOÙUàaèeìiòoùuǛÜǜüǸNǹnḔĒḕēṐŌṑōẀWẁwẦÂầâẰĂằăỀÊềêỒÔồôỜƠờơỪƯừưỲYỳy" +
	"\u0301ÁAÉEÍIÓOÚUÝYáaéeíióoúuýyĆCćcĹLĺlŃNńnŔRŕrŚSśsŹZźzǗÜǘüǴGǵgǺÅǻåǼÆǽæǾØǿøḈÇḉçḖĒḗēḮÏḯïḰKḱkḾMḿmṌÕṍõṒŌṓōṔPṕpṸŨṹũẂWẃwẤÂấâẮĂắăẾÊếêỐÔốôỚƠớơỨƯứư" +
	"\u0302ÂAÊEÎIÔOÛUâaêeîiôoûuĈCĉcĜGĝgĤHĥhĴJĵjŜSŝsŴWŵwŶYŷyẐZẑzẬẠậạỆẸệẹỘỌộọ" +
	"\u0303ÃAÑNÕOãañnõoĨIĩiŨUũuṼVṽvẪÂẫâẴĂẵăẼEẽeỄÊễêỖÔỗôỠƠỡơỮƯữưỸYỹy" +
	"\u0304ĀAāaĒEēeĪIīiŌOōoŪUūuǕÜǖüǞÄǟäǠȦǡȧǢÆǣæǬǪǭǫȪÖȫöȬÕȭõȰȮȱȯȲYȳyḠGḡgḸḶḹḷṜṚṝṛ" +
	"\u0306ĂAăaĔEĕeĞGğgĬIĭiŎOŏoŬUŭuḜȨḝȩẶẠặạ" +
	"\u0307ĊCċcĖEėeĠGġgİIŻZżzȦAȧaȮOȯoḂBḃbḊDḋdḞFḟfḢHḣhṀMṁmṄNṅnṖPṗpṘRṙrṠSṡsṤŚṥśṦŠṧšṨṢṩṣṪTṫtẆWẇwẊXẋxẎYẏyẛſ" +
	"\u0308ÄAËEÏIÖOÜUäaëeïiöoüuÿyŸYḦHḧhṎÕṏõṺŪṻūẄWẅwẌXẍxẗt" +
	"\u0309ẢAảaẨÂẩâẲĂẳăẺEẻeỂÊểêỈIỉiỎOỏoỔÔổôỞƠởơỦUủuỬƯửưỶYỷy" +
	"\u030AÅAåaŮUůuẘwẙy" +
	"\u030BŐOőoŰUűu" +
	"\u030CČCčcĎDďdĚEěeĽLľlŇNňnŘRřrŠSšsŤTťtŽZžzǍAǎaǏIǐiǑOǒoǓUǔuǙÜǚüǦGǧgǨKǩkǮƷǯʒǰjȞHȟh" +
	"\u030FȀAȁaȄEȅeȈIȉiȌOȍoȐRȑrȔUȕu" +
	"\u0311ȂAȃaȆEȇeȊIȋiȎOȏoȒRȓrȖUȗu" +
	"\u031BƠOơoƯUưu" +
	"\u0323ḄBḅbḌDḍdḤHḥhḲKḳkḶLḷlṂMṃmṆNṇnṚRṛrṢSṣsṬTṭtṾVṿvẈWẉwẒZẓzẠAạaẸEẹeỊIịiỌOọoỢƠợơỤUụuỰƯựưỴYỵy" +
	"\u0324ṲUṳu" +
	"\u0325ḀAḁa" +
	"\u0326ȘSșsȚTțt" +
	"\u0327ÇCçcĢGģgĶKķkĻLļlŅNņnŖRŗrŞSşsŢTţtȨEȩeḐDḑdḨHḩh" +
	"\u0328ĄAąaĘEęeĮIįiŲUųuǪOǫo" +
	"\u032DḒDḓdḘEḙeḼLḽlṊNṋnṰTṱtṶUṷu" +
	"\u032EḪHḫh" +
	"\u0330ḚEḛeḬIḭiṴUṵu" +
	"\u0331ḆBḇbḎDḏdḴKḵkḺLḻlṈNṉnṞRṟrṮTṯtẔZẕzẖh"
