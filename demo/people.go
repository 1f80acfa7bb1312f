package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/rankfile/rankfile"
	"github.com/rankfile/rankfile/geo"
)

// Names drawn from the communities of Los Angeles County. Some carry
// accents and apostrophes on purpose: the importer must keep them. There
// are enough of them that few members share a full name, as in a real
// list: with fewer, searches match more people than they would, and the
// roster's name indexes sort more ties than a real list's.
var (
	firstNames = []string{
		"María", "José", "Luis", "Ana", "Carlos", "Guadalupe", "Juan", "Rosa", "Miguel", "Sofía",
		"Jorge", "Verónica", "Alejandro", "Itzel", "Héctor", "Marisol", "Ji-woo", "Min-jun", "Seo-yeon",
		"Hyun", "Wei", "Mei", "Jun", "Ling", "Thanh", "Minh", "Linh", "Huong", "Arman", "Ani", "Narek",
		"Lusine", "Reza", "Shirin", "Darius", "Leila", "Jasmine", "Marcus", "Aaliyah", "Darnell", "Keisha",
		"Andre", "Imani", "Terrence", "Emily", "Jacob", "Sarah", "Michael", "Jessica", "David", "Rachel",
		"Daniel", "Hannah", "Ryan", "Megan", "Kenji", "Yuki", "Hiroshi", "Aiko", "Rosalind", "Ignacio",
		"Maricela", "Joaquín", "Paloma", "Tomás", "Renée", "Zoë", "Noah", "Olivia", "Elijah", "Amara",
		"Priya", "Arjun", "Fatima", "Omar", "Siobhan", "Declan", "Malia", "Keanu", "Ximena", "Mateo",
		"Alma", "Adriana", "Alicia", "Andrea", "Angélica", "Beatriz", "Blanca", "Brenda", "Carmen",
		"Cecilia", "Claudia", "Cristina", "Diana", "Elena", "Esperanza", "Estela", "Gabriela", "Graciela",
		"Irma", "Isabel", "Josefina", "Juana", "Leticia", "Lorena", "Lourdes", "Lucía", "Luz", "Margarita",
		"Maribel", "Martha", "Mercedes", "Mónica", "Norma", "Patricia", "Pilar", "Raquel", "Rocío", "Sandra",
		"Silvia", "Susana", "Teresa", "Yolanda", "Yesenia", "Xiomara", "Alberto", "Alfredo", "Andrés",
		"Antonio", "Armando", "Arturo", "Benjamín", "Cristian", "Eduardo", "Efraín", "Emilio", "Enrique",
		"Ernesto", "Esteban", "Felipe", "Fernando", "Francisco", "Gerardo", "Gustavo", "Hugo", "Ismael",
		"Jaime", "Javier", "Jesús", "Julio", "Leonel", "Lorenzo", "Manuel", "Mario", "Martín", "Mauricio",
		"Nicolás", "Óscar", "Pablo", "Pedro", "Rafael", "Ramón", "Raúl", "Ricardo", "Roberto", "Rodrigo",
		"Rubén", "Salvador", "Santiago", "Sergio", "Víctor", "Ji-hoon", "Seo-jun", "Ha-eun", "Soo-jin",
		"Eun-ji", "Dong-hyun", "Young-mi", "Sung-min", "Hye-won", "Jae-won", "Xiaoming", "Yan", "Hui",
		"Jing", "Lei", "Fang", "Qiang", "Xin", "Yu", "Zhen", "Tuan", "Quang", "Duc", "Phuong", "Lan", "Hoa",
		"Bao", "Trang", "Khanh", "Vy", "Armen", "Tigran", "Gor", "Anahit", "Mariam", "Hovhannes", "Sona",
		"Karen", "Levon", "Nairi", "Ali", "Mehdi", "Nasrin", "Parisa", "Babak", "Sima", "Kaveh", "Farah",
		"Cyrus", "Roya", "Tamika", "Latoya", "Jamal", "DeShawn", "Tyrone", "Ebony", "Kendra", "Malik",
		"Monique", "Jerome", "Ayana", "Kwame", "Nia", "Jalen", "Desiree", "Robert", "James", "John",
		"William", "Richard", "Joseph", "Thomas", "Christopher", "Matthew", "Anthony", "Mark", "Steven",
		"Paul", "Andrew", "Joshua", "Kevin", "Brian", "George", "Timothy", "Jason", "Jeffrey", "Eric",
		"Stephen", "Larry", "Justin", "Scott", "Brandon", "Gregory", "Mary", "Jennifer", "Linda",
		"Elizabeth", "Barbara", "Susan", "Lisa", "Nancy", "Betty", "Margaret", "Ashley", "Kimberly", "Donna",
		"Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Laura", "Rebecca", "Sharon",
		"Cynthia", "Kathleen", "Amy", "Shirley", "Angela", "Anna", "Ravi", "Anjali", "Deepak", "Sunita",
		"Vikram", "Neha", "Rohan", "Kavya", "Mohammed", "Yasmin", "Khalid", "Noor", "Hassan", "Layla",
		"Tariq", "Samira", "Sione", "Leilani", "Kalani", "Mele", "Chidi", "Ngozi", "Emeka", "Adaeze",
		"Tunde", "Folake", "Abebe", "Selam", "Akira", "Haruto", "Sakura", "Ren", "Emi", "Takeshi", "Maya",
		"Luna", "Isabella", "Camila", "Valentina", "Gabriel", "Diego", "Adrián", "Emiliano", "Leonardo",
		"Aiden", "Liam", "Ethan", "Chloe", "Zoe", "Ava", "Mia", "Nora", "Quinn", "Riley", "River", "Sage",
		"Rowan", "Skyler", "Jordan", "Avery", "Dakota",
	}
	lastNames = []string{
		"García", "Hernández", "López", "Martínez", "González", "Rodríguez", "Pérez", "Sánchez", "Ramírez",
		"Flores", "Gómez", "Díaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutiérrez", "Chávez", "Ramos",
		"Kim", "Lee", "Park", "Choi", "Jung", "Nguyễn", "Trần", "Lê", "Phạm", "Chen", "Wang", "Li", "Zhang",
		"Liu", "Wong", "Santos", "Reyes-Cruz", "Dela Cruz", "Bautista", "Petrosyan", "Hakobyan", "Sargsyan",
		"Grigoryan", "Hosseini", "Karimi", "Rahimi", "Johnson", "Williams", "Brown", "Jones", "Davis",
		"Jackson", "Washington", "Robinson", "Smith", "Miller", "Wilson", "Anderson", "Taylor", "Thomas",
		"O'Brien", "O'Connor", "McCarthy", "Nakamura", "Tanaka", "Yamamoto", "Sato", "Patel", "Shah",
		"Singh", "Haddad", "Khalil", "Okafor", "Adeyemi", "de la Torre", "Van Ness", "St. John", "Abramowitz",
		"Vásquez", "Castillo", "Jiménez", "Moreno", "Romero", "Álvarez", "Mendoza", "Ruiz", "Aguilar",
		"Vargas", "Castro", "Herrera", "Medina", "Guzmán", "Fernández", "Silva", "Rojas", "Contreras",
		"Salazar", "Luna", "Ortega", "Delgado", "Estrada", "Soto", "Vega", "Ríos", "Domínguez", "Cortés",
		"Guerrero", "Mejía", "Navarro", "Campos", "Cervantes", "Juárez", "Fuentes", "Ávila", "Carrillo",
		"Espinoza", "Rosales", "Sandoval", "Molina", "Pacheco", "Ibarra", "Velásquez", "Acosta", "Lara",
		"Valdez", "Figueroa", "Maldonado", "Cabrera", "Orozco", "Zamora", "Salas", "Trujillo", "Cárdenas",
		"Meléndez", "Escobar", "Villanueva", "Ochoa", "Montoya", "Serrano", "Quintero", "Barrera", "Solís",
		"Osorio", "Arellano", "Zúñiga", "Bonilla", "Portillo", "Rivas", "Henríquez", "Ayala", "Alvarado",
		"Yoon", "Kang", "Cho", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song",
		"Hong", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo",
		"Gao", "Tsai", "Yang", "Cheng", "Ho", "Chan", "Leung", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
		"Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Avetisyan", "Harutyunyan", "Khachatryan", "Martirosyan",
		"Vardanyan", "Mkrtchyan", "Ghazaryan", "Karapetyan", "Hovhannisyan", "Manukyan", "Ahmadi",
		"Mohammadi", "Rezaei", "Moradi", "Jafari", "Hashemi", "Sadeghi", "Kazemi", "Ebrahimi", "Nazari",
		"Harris", "Martin", "Thompson", "White", "Lewis", "Walker", "Hall", "Young", "Allen", "King",
		"Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell", "Roberts",
		"Carter", "Phillips", "Evans", "Turner", "Parker", "Collins", "Edwards", "Stewart", "Morris",
		"Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Kelly",
		"Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James",
		"Hughes", "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Powell", "Jenkins", "Perry",
		"Russell", "Sullivan", "Butler", "Barnes", "Fisher", "Henderson", "Coleman", "Simmons", "Patterson",
		"Jordan", "Graham", "Hamilton", "Wallace", "Freeman", "Hayes", "Bryant", "Gibson", "Ellis",
		"Stevens", "Marshall", "Owens", "Harrison", "Holmes", "Crawford", "Boyd", "Mason", "Dixon", "Hunt",
		"Palmer", "Black", "Kaplan", "Goldberg", "Friedman", "Cohen", "Katz", "Levine", "Rosen", "Schwartz",
		"Weiss", "Shapiro", "Klein", "Horowitz", "Kowalski", "Nowak", "Novak", "Ivanov", "Petrov", "Schmidt",
		"Müller", "Rossi", "Russo", "Esposito", "Bianchi", "Costa", "Ferreira", "Oliveira", "Pereira",
		"Almeida", "Murray", "Kennedy", "Byrne", "Quinn", "Gallagher", "Gupta", "Kumar", "Sharma", "Reddy",
		"Desai", "Mehta", "Iyer", "Rao", "Nasser", "Saleh", "Mansour", "Hamdan", "Aziz", "Farah", "Ibrahim",
		"Tuiasosopo", "Fonoti", "Faleolo", "Mahe", "Nwosu", "Eze", "Okonkwo", "Mensah", "Tesfaye", "Haile",
		"Bekele", "Abdi", "Kobayashi", "Suzuki", "Watanabe", "Ito", "Yoshida", "Inoue", "Kimura", "Hayashi",
		"Sok", "Chea", "Vong", "Phommachanh", "Srisai", "Vang", "Xiong", "Thao",
	}
	streets = []string{
		"Sunset Blvd", "Figueroa St", "Vermont Ave", "Western Ave", "Crenshaw Blvd", "Ventura Blvd",
		"Whittier Blvd", "Cesar E Chavez Ave", "Wilshire Blvd", "Pico Blvd", "Olympic Blvd", "Hoover St",
		"Alvarado St", "Colorado Blvd", "Van Nuys Blvd", "Sherman Way", "Lincoln Blvd", "Venice Blvd",
		"Manchester Ave", "Florence Ave", "Slauson Ave", "Atlantic Blvd", "Huntington Dr", "Glendale Blvd",
		"York Blvd", "Lankershim Blvd", "Laurel Canyon Blvd", "La Brea Ave", "Fairfax Ave", "Normandie Ave",
	}
	unions = []string{"UTLA", "SEIU 721", "UNITE HERE Local 11", "IATSE Local 700", "WGA West",
		"CWA 9003", "UAW 4811", "AFSCME 3299", "Teamsters Local 396", "CNA"}
	schools = []string{"UCLA", "USC", "Cal State LA", "Cal State Northridge", "LA City College",
		"Occidental College", "Pasadena City College", "East LA College"}
	races = []string{"Latino/a/x", "Asian", "Black", "White", "Middle Eastern or North African",
		"Multiracial", "Pacific Islander", "Native American"}
	accommodations = []string{"ASL interpretation", "wheelchair access", "childcare", "Spanish interpretation",
		"large print"}
	areaCodes = []string{"213", "323", "818", "310", "626", "562", "424", "747"}
)

// person is one member as the generator imagines them.
type person struct {
	id                  int
	first, middle, last string
	email, phone        string
	street, city, zip   string
	// state and chapter are "CA" and Los Angeles but for the national
	// demo's members of other chapters.
	state, chapter                      string
	join, xdate                         rankfile.Date
	memberType, monthly, yearly, status string
	union, unionName, student, school   string
	mailPref, race, needs               string
	doNotCall, textOptOut               bool
}

// branchWeights says where members live: most in the city's core.
var branchWeights = []struct {
	slug   string
	weight int
}{
	{"central", 30}, {"eastside-sgv", 22}, {"san-fernando-valley", 18},
	{"westside", 15}, {"south-central-inglewood", 10}, {"", 5},
}

// zipsByBranch sorts the county's ZIP codes by the demo branch they lie in.
func zipsByBranch(loc *geo.Locator) map[string][]geo.ZipPlace {
	out := map[string][]geo.ZipPlace{}
	for _, z := range geo.ZipsIn("CA", "Los Angeles") {
		slug := loc.Locate(z.Point)
		out[slug] = append(out[slug], z)
	}
	return out
}

func pickZip(rng *rand.Rand, zips map[string][]geo.ZipPlace) geo.ZipPlace {
	n := rng.IntN(100)
	for _, b := range branchWeights {
		if n < b.weight {
			places := zips[b.slug]
			return places[rng.IntN(len(places))]
		}
		n -= b.weight
	}
	panic("branch weights do not add up to 100")
}

func pick(rng *rand.Rand, from []string) string { return from[rng.IntN(len(from))] }

// newPerson imagines member number id, whose standing on the list dated
// listDate is one of good, member or lapsed.
func newPerson(rng *rand.Rand, id int, zips map[string][]geo.ZipPlace, listDate rankfile.Date) *person {
	p := &person{id: id, first: pick(rng, firstNames), last: pick(rng, lastNames)}
	if rng.IntN(5) == 0 {
		p.middle = pick(rng, firstNames)
	}
	p.email = emailFor(rng, p, id)
	p.phone = fmt.Sprintf("(%s) 555-01%02d", pick(rng, areaCodes), rng.IntN(100))
	z := pickZip(rng, zips)
	p.street = fmt.Sprintf("%d %s", 100+rng.IntN(9800), pick(rng, streets))
	if rng.IntN(4) == 0 {
		p.street += fmt.Sprintf(" Apt %d", 1+rng.IntN(40))
	}
	p.city, p.zip = z.Place, z.Zip
	p.join = listDate.AddDays(-30 - rng.IntN(9*365))
	p.mailPref = pick(rng, []string{"Yes", "Yes", "No", "Membership card only"})
	p.doNotCall, p.textOptOut = rng.IntN(20) == 0, rng.IntN(14) == 0
	p.setWork(rng)
	p.setSensitive(rng)
	p.setDues(rng, listDate)
	return p
}

func emailFor(rng *rand.Rand, p *person, id int) string {
	local := asciiFold(p.first) + "." + asciiFold(p.last)
	if rng.IntN(2) == 0 {
		local = asciiFold(p.first)[:1] + asciiFold(p.last) + fmt.Sprint(id%97)
	}
	domain := pick(rng, []string{"example.org", "example.com", "example.net"})
	if rng.IntN(10) == 0 {
		return strings.ToUpper(local) + "@" + strings.ToUpper(domain) // some lists shout
	}
	return local + "@" + domain
}

// asciiFold makes a name usable in an email address: accents are taken
// apart from their letters and dropped, and so is anything but a-z.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r >= 'a' && r <= 'z' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (p *person) setWork(rng *rand.Rand) {
	switch n := rng.IntN(100); {
	case n < 25:
		p.union, p.unionName = "Yes, current union member", pick(rng, unions)
	case n < 28:
		p.union, p.unionName = "Yes, retired union member", pick(rng, unions)
	case n < 48:
		p.union = "No, but I am interested in joining a union"
	default:
		p.union = "No"
	}
	p.student = "No"
	if rng.IntN(12) == 0 {
		p.student, p.school = "Yes", pick(rng, schools)
	}
}

func (p *person) setSensitive(rng *rand.Rand) {
	if rng.IntN(3) > 0 {
		p.race = pick(rng, races)
	}
	if rng.IntN(25) == 0 {
		p.needs = pick(rng, accommodations)
	}
}

// setDues decides standing (82% good, 8% member, 10% lapsed) and the dues
// fields that go with it.
func (p *person) setDues(rng *rand.Rand, listDate rankfile.Date) {
	p.memberType = pick(rng, []string{"monthly", "monthly", "monthly", "yearly", "yearly", "income-based", "one-time"})
	p.monthly, p.yearly = "never", "never"
	switch n := rng.IntN(100); {
	case n < 82:
		p.status, p.xdate = "Member in Good Standing", listDate.AddDays(1+rng.IntN(365))
		p.setActive()
	case n < 90:
		p.status, p.xdate = "Member", listDate.AddDays(-rng.IntN(60))
		p.monthly = pick(rng, []string{"past_due", "2mo_plus_failed"})
	default:
		p.status, p.xdate = "Lapsed", listDate.AddDays(-60-rng.IntN(3*365))
		p.monthly = pick(rng, []string{"lapsed", "canceled_by_failure", "canceled_by_user", "canceled_by_processor"})
	}
}

func (p *person) setActive() {
	switch p.memberType {
	case "monthly", "income-based":
		p.monthly = "active"
	case "yearly":
		p.yearly = "active"
	}
}

// renew moves a member's expiry a year on, as paying dues does.
func (p *person) renew(listDate rankfile.Date) {
	p.status = "Member in Good Standing"
	p.xdate = listDate.AddDays(365)
	p.monthly, p.yearly = "never", "never"
	p.setActive()
}
