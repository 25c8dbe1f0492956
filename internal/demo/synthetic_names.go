package demo

import "strings"

// The people of the synthetic hospital: a Kenyan hospital's catchment, with its
// communities in rough proportion, neighbours from Tanzania and Uganda, and a few
// patients from further away whose names exercise the search keys (accents, hyphens,
// apostrophes, two-word surnames). An underscore in a name is a space.

// community is a group of people who share naming customs.
type community struct {
	weight int // relative to the others; they add up to a thousand
	// share is the chance, in percent, that a first name comes from the names common
	// to every Kenyan community (Christian and Muslim given names) rather than own.
	share         int
	female, male  []string
	surnames      []string
	foreign       bool   // carries a passport rather than a Kenyan national id
	dialingPrefix string // "" for a Kenyan number
}

func names(s string) []string {
	out := strings.Fields(s)
	for i, n := range out {
		out[i] = strings.ReplaceAll(n, "_", " ")
	}
	return out
}

// Given names common across Kenyan communities.
var (
	commonFemale = names(`Mary Faith Grace Mercy Joyce Esther Ruth Jane Ann Lucy Agnes Rose Alice Sharon Purity
		Caroline Elizabeth Margaret Catherine Nancy Beatrice Eunice Winnie Diana Brenda Irene Janet Lilian Gladys
		Susan Christine Naomi Sarah Rebecca Dorcas Lydia Hellen Josephine Judith Monica Veronica Tabitha Phyllis
		Stella Sylvia Emily Ivy Cynthia Maureen Millicent Everlyne Pauline Sheila Teresia Rachel Martha Florence`)
	commonMale = names(`John Joseph Peter Paul James Daniel Samuel David Moses Brian Kevin Dennis Collins Stephen
		Michael George Charles Francis Patrick Anthony Joshua Timothy Simon Isaac Elijah Emmanuel Victor Vincent
		Erick Geoffrey Kennedy Wilson Philip Martin Benard Richard Robert Edwin Felix Evans Alex Allan Nelson
		Duncan Edward Henry Ian Ken Lawrence Mark Nicholas Oscar Samson Thomas Titus Wycliffe Zachary`)
)

var communities = []community{
	{weight: 160, share: 55, // Kikuyu
		female:   names(`Wanjiku Njeri Wambui Wairimu Nyambura Muthoni Wanjiru Gathoni Waithera Njoki Wangari Wangui Nyokabi Wacera Mumbi Wahu Wanza Kabura`),
		male:     names(`Kamau Mwangi Njoroge Kariuki Maina Kimani Gitau Waweru Macharia Ndungu Githinji Muriuki Kinyua Mugo Nyaga Kiarie Gachanja Wachira`),
		surnames: names(`Kamau Mwangi Njoroge Kariuki Maina Kimani Gitau Waweru Macharia Ndungu Githinji Muriuki Kinyua Mugo Nyaga Wanjiru Wambui Kiarie Gachanja Wachira Mureithi Karanja Njenga Ngugi Mbugua Gathogo Kahiga Ndirangu Mathenge Kiragu Wa_Njeri Wa_Mwangi`)},
	{weight: 130, share: 60, // Luhya
		female:   names(`Nafula Nekesa Nanjala Naliaka Khadija Akumu Makokha Nasimiyu Namalwa Auma Khasoa Muhonja Kavere Ayuma Mideva`),
		male:     names(`Wekesa Wafula Barasa Simiyu Wanyama Makokha Wanjala Masinde Khisa Mukhwana Shikuku Namwamba Otsieno Ambani Lumumba`),
		surnames: names(`Wekesa Wafula Barasa Simiyu Wanyama Makokha Wanjala Masinde Khisa Mukhwana Shikuku Namwamba Otsieno Ambani Nabwire Wamalwa Mulongo Khaemba Wasike Murunga Opicho Ingutia Lusweti`)},
	{weight: 120, share: 45, // Kalenjin
		female:   names(`Chebet Jepkosgei Cherono Jeptoo Chepkoech Jerotich Chelangat Jepchirchir Chepngetich Jelimo Chemutai Jebet Cheruto Chepkemoi`),
		male:     names(`Kipchoge Kiprop Kibet Kiplagat Kiprotich Cheruiyot Kipkemboi Kipruto Kiptoo Kimutai Kipkorir Kirui Kiprono Kipngeno`),
		surnames: names(`Rotich Korir Langat Mutai Kibet Cheruiyot Kiprop Lagat Tanui Sang Kosgei Bett Ruto Keter Chirchir Koech Kirui Kiptoo Biwott Cheboi Kemboi Limo Tergat Yego`)},
	{weight: 100, share: 45, // Luo
		female:   names(`Akinyi Achieng Atieno Awino Adhiambo Anyango Apiyo Auma Akoth Aoko Achola Amondi Awuor Aluoch`),
		male:     names(`Otieno Ochieng Odhiambo Onyango Owino Omondi Okoth Ouma Oduor Okello Ochola Obura Opiyo Odera Oloo Ogola`),
		surnames: names(`Otieno Ochieng Odhiambo Onyango Owino Omondi Okoth Ouma Oduor Okello Ochola Obura Opiyo Odera Oloo Ogola Oyugi Obiero Nyamweya Ndege Awiti Oketch Olang Were`)},
	{weight: 90, share: 55, // Kamba
		female:   names(`Mwikali Mueni Ndinda Kalekye Mwende Syokau Nduku Wayua Kanini Mutheu Ndunge Kavata`),
		male:     names(`Mutua Musyoka Mwendwa Kioko Muthama Kyalo Mutuku Nzioka Kilonzo Wambua Kitonga Musau`),
		surnames: names(`Mutua Musyoka Mwendwa Kioko Muthama Kyalo Mutuku Nzioka Kilonzo Wambua Kitonga Musau Kasyoka Mulwa Ndambuki Munyao Kimeu Mbithi`)},
	{weight: 60, share: 55, // Kisii
		female:   names(`Kemunto Moraa Kerubo Nyaboke Bosibori Kwamboka Nyanchama Kemuma Nyamoita Bochaberi`),
		male:     names(`Ongeri Nyamweya Onchari Omwenga Nyakundi Mogaka Ondieki Onyancha Momanyi Bosire`),
		surnames: names(`Ongeri Nyamweya Onchari Omwenga Nyakundi Mogaka Ondieki Onyancha Momanyi Bosire Makori Nyang'au Ogeto Mokaya`)},
	{weight: 60, share: 55, // Meru and Embu
		female:   names(`Kagendo Nkatha Gakii Makena Mukami Kawira Kinya Karimi Nkirote Ciku`),
		male:     names(`Mwiti Murithi Mutuma Kirimi Gitonga Muriithi Mugambi Kaberia Mbaabu Njeru`),
		surnames: names(`Mwiti Murithi Mutuma Kirimi Gitonga Muriithi Mugambi Kaberia Mbaabu Njeru Kiriinya M'Mbijiwe M'Ikiara`)},
	{weight: 55, share: 30, // the coast: Mijikenda and Swahili
		female:   names(`Zawadi Rehema Mwanajuma Fatuma Kadzo Sidi Mwanaisha Halima Tumaini Amani Nuru Salma Mwanasha Kahindi`),
		male:     names(`Baya Kazungu Charo Kahindi Karisa Katana Hamisi Juma Bakari Rashid Salim Omar Athman Mwinyi`),
		surnames: names(`Baya Kazungu Charo Kahindi Karisa Katana Hamisi Juma Bakari Rashid Salim Mwakilema Mwachiro Chengo Kombe Shauri Mwangolo Ngala`)},
	{weight: 50, share: 0, // Somali
		female:   names(`Halima Hodan Amina Fadumo Sahra Asha Ifrah Nasra Deqa Hawa Sagal Ubah Ayan Maryan`),
		male:     names(`Abdi Mohamed Hassan Ali Omar Yusuf Ahmed Ibrahim Abdullahi Mohamud Farah Aden Ismail Abdirahman`),
		surnames: names(`Abdi Mohamed Hassan Ali Omar Yusuf Ahmed Ibrahim Abdullahi Mohamud Farah Aden Ismail Warsame Hussein Gedi Noor Dahir`)},
	{weight: 30, share: 40, // Maasai, Samburu, Turkana
		female:   names(`Naserian Nashipai Naneu Resiato Silantoi Nalangu Akai Ekai Nakiru Lokiru`),
		male:     names(`Lemayian Saitoti Sankale Kipaa Lekishon Parsimei Ekal Lokwang Ewoi Ngimoe`),
		surnames: names(`Lemayian Saitoti Sankale Nkaissery Ole_Sapit Ole_Ntimama Lekuton Lokwang Ekal Ewoi Lomuria Lotodo`)},
	{weight: 45, share: 35, foreign: true, dialingPrefix: "+255", // Tanzania
		female:   names(`Neema Rehema Zawadi Imani Upendo Anna Happiness Witness Jesca Rahma`),
		male:     names(`Baraka Jabari Juma Daudi Emmanuel Godfrey Elia Nassoro Saidi Rajabu`),
		surnames: names(`Mwakyusa Kimaro Massawe Mushi Swai Lyimo Mrema Mollel Kweka Temba Mwakalinga Magufuli`)},
	{weight: 40, share: 45, foreign: true, dialingPrefix: "+256", // Uganda
		female:   names(`Nakato Babirye Nansubuga Namazzi Akello Atim Nabirye Kyomuhendo Ainembabazi Kembabazi`),
		male:     names(`Mukasa Ssempala Okello Kato Waswa Mugisha Tumusiime Byaruhanga Ssekandi Kizza`),
		surnames: names(`Mukasa Ssempala Okello Kato Waswa Mugisha Tumusiime Byaruhanga Ssekandi Kizza Nsubuga Musoke Lubega Kiggundu`)},
	{weight: 25, share: 0, // Kenyans of Asian descent
		female:   names(`Priya Anjali Kavita Nisha Pooja Sunita Meera Zahra Shabnam Ruksana`),
		male:     names(`Rajesh Amit Sanjay Vikram Rahul Imran Farouk Hussein Karim Anil`),
		surnames: names(`Patel Shah Mehta Desai Pandya Chandaria Hirani Rupani Jiwani Noorani Karmali Dhanji D'Souza Fernandes`)},
	{weight: 20, share: 0, foreign: true, dialingPrefix: "+234", // West Africa
		female:   names(`Ngozi Chiamaka Adaeze Ama Abena Akosua Funmilayo Yetunde Aïssatou Fatoumata`),
		male:     names(`Chinedu Emeka Obinna Kofi Kwame Kwabena Oluwaseun Babatunde Mamadou Ousmane`),
		surnames: names(`Okafor Eze Nwosu Adeyemi Mensah Boateng Asante Diallo Traoré Ouédraogo Ndiaye Adébáyọ̀`)},
	{weight: 15, share: 0, foreign: true, dialingPrefix: "+44", // Europe and beyond
		female:   names(`Ingrid Zoë Sophie Chloé Lucía María Anneliese Siobhán Mary-Anne Élodie`),
		male:     names(`José Søren Łukasz Jürgen François Seán Björn Tomás Jean-Luc Matthias`),
		surnames: names(`Larsen Núñez O'Brien Müller Kowalski Dubois Svensson García Van_der_Berg MacDonald Ó_Súilleabháin Smith-Jones Brontë`)},
}

// communityWeights is the sum of the communities' weights.
var communityWeights = func() int {
	n := 0
	for _, c := range communities {
		n += c.weight
	}
	return n
}()

// pickCommunity draws a community by weight from a number in [0, communityWeights).
func pickCommunity(n int) *community {
	for i := range communities {
		if n < communities[i].weight {
			return &communities[i]
		}
		n -= communities[i].weight
	}
	return &communities[0]
}

// Places patients live, with the estates of the cities they come from.
var addresses = names(`Kondele,_Kisumu Milimani,_Kisumu Nyalenda,_Kisumu Manyatta,_Kisumu Kibera,_Nairobi
	Kawangware,_Nairobi Eastleigh,_Nairobi Kayole,_Nairobi Umoja,_Nairobi Kasarani,_Nairobi Embakasi,_Nairobi
	Kilimani,_Nairobi Westlands,_Nairobi South_B,_Nairobi Githurai,_Kiambu Ruiru,_Kiambu Thika,_Kiambu
	Kikuyu,_Kiambu Limuru,_Kiambu Nakuru_Town Naivasha Eldoret Kitale Kakamega Bungoma Busia Kericho Bomet
	Kisii_Town Nyamira Migori Homa_Bay Siaya Machakos Kitui Makueni Mombasa_Old_Town Likoni,_Mombasa
	Nyali,_Mombasa Malindi Kilifi Voi Garissa Wajir Isiolo Meru_Town Embu Nyeri Nanyuki Murang'a Kerugoya
	Narok Kajiado Ngong Athi_River Kitengela Lodwar Marsabit Arusha,_Tanzania Kampala,_Uganda`)

// kin is a relation of the next of kin to the patient.
type kin struct {
	relation string
	male     bool
}

// kinRelations are an adult's next of kin; parents a child's.
var (
	kinRelations = []kin{{"wife", false}, {"husband", true}, {"mother", false}, {"father", true}, {"sister", false},
		{"brother", true}, {"son", true}, {"daughter", false}, {"uncle", true}, {"aunt", false}, {"friend", false}}
	parents = []kin{{"mother", false}, {"father", true}}
)
