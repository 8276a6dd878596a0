/**
 * Vocabulary for the people and places around orders: customer accounts (invented B2B names), contacts,
 * and US ship-to cities spread over the four fulfillment regions.
 */

/** A ship-to city with its state, a real ZIP code of that city, and the fulfillment region serving it. */
export interface City {
  city: string;
  state: string;
  postalCode: string;
  region: 'east' | 'central' | 'west' | 'south';
}

/** Ship-to cities; regions match the locations' regions so sourcing can prefer the nearest node. */
export const CITIES: readonly City[] = [
  { city: 'Newark', state: 'NJ', postalCode: '07102', region: 'east' },
  { city: 'Jersey City', state: 'NJ', postalCode: '07302', region: 'east' },
  { city: 'Brooklyn', state: 'NY', postalCode: '11201', region: 'east' },
  { city: 'Philadelphia', state: 'PA', postalCode: '19103', region: 'east' },
  { city: 'Boston', state: 'MA', postalCode: '02118', region: 'east' },
  { city: 'Hartford', state: 'CT', postalCode: '06103', region: 'east' },
  { city: 'Baltimore', state: 'MD', postalCode: '21230', region: 'east' },
  { city: 'Richmond', state: 'VA', postalCode: '23219', region: 'east' },
  { city: 'Charlotte', state: 'NC', postalCode: '28202', region: 'east' },
  { city: 'Atlanta', state: 'GA', postalCode: '30309', region: 'east' },
  { city: 'Orlando', state: 'FL', postalCode: '32801', region: 'east' },
  { city: 'Columbus', state: 'OH', postalCode: '43215', region: 'central' },
  { city: 'Cleveland', state: 'OH', postalCode: '44114', region: 'central' },
  { city: 'Chicago', state: 'IL', postalCode: '60607', region: 'central' },
  { city: 'Naperville', state: 'IL', postalCode: '60540', region: 'central' },
  { city: 'Detroit', state: 'MI', postalCode: '48226', region: 'central' },
  { city: 'Indianapolis', state: 'IN', postalCode: '46204', region: 'central' },
  { city: 'Milwaukee', state: 'WI', postalCode: '53202', region: 'central' },
  { city: 'Minneapolis', state: 'MN', postalCode: '55401', region: 'central' },
  { city: 'St. Louis', state: 'MO', postalCode: '63103', region: 'central' },
  { city: 'Reno', state: 'NV', postalCode: '89501', region: 'west' },
  { city: 'Sacramento', state: 'CA', postalCode: '95814', region: 'west' },
  { city: 'Oakland', state: 'CA', postalCode: '94607', region: 'west' },
  { city: 'Los Angeles', state: 'CA', postalCode: '90021', region: 'west' },
  { city: 'Portland', state: 'OR', postalCode: '97209', region: 'west' },
  { city: 'Seattle', state: 'WA', postalCode: '98134', region: 'west' },
  { city: 'Salt Lake City', state: 'UT', postalCode: '84101', region: 'west' },
  { city: 'Phoenix', state: 'AZ', postalCode: '85004', region: 'west' },
  { city: 'Denver', state: 'CO', postalCode: '80205', region: 'west' },
  { city: 'Dallas', state: 'TX', postalCode: '75207', region: 'south' },
  { city: 'Houston', state: 'TX', postalCode: '77002', region: 'south' },
  { city: 'Austin', state: 'TX', postalCode: '78701', region: 'south' },
  { city: 'San Antonio', state: 'TX', postalCode: '78205', region: 'south' },
  { city: 'Oklahoma City', state: 'OK', postalCode: '73102', region: 'south' },
  { city: 'New Orleans', state: 'LA', postalCode: '70112', region: 'south' },
  { city: 'Nashville', state: 'TN', postalCode: '37203', region: 'south' },
];

/** Street names for ship-to addresses. */
export const STREETS: readonly string[] = [
  'Commerce Dr', 'Industrial Pkwy', 'Market St', 'Main St', 'Harbor Blvd', 'Enterprise Way', 'Oak Ave',
  'Maple St', 'Lakeview Rd', 'Riverside Dr', 'Warehouse Rd', 'Park Ave', 'Madison Ave', 'Elm St',
  'Jefferson Blvd', 'Technology Pkwy', 'Gateway Blvd', 'Distribution Way', 'Airport Rd', 'Mill St',
  'Union Ave', 'Washington St', 'Cedar Ln', 'Broad St',
];

/** Contact first names. */
export const FIRST_NAMES: readonly string[] = [
  'Maria', 'James', 'Aisha', 'Daniel', 'Priya', 'Robert', 'Keisha', 'Michael', 'Elena', 'David', 'Mei',
  'Carlos', 'Jennifer', 'Tomás', 'Sarah', 'Kwame', 'Linda', 'Hiroshi', 'Rachel', 'Andre', 'Olivia', 'Samir',
  'Grace', 'Patrick',
];

/** Contact last names. */
export const LAST_NAMES: readonly string[] = [
  'Garcia', 'Johnson', 'Okafor', 'Kim', 'Patel', 'Nguyen', 'Williams', 'Rossi', 'Brown', 'Schmidt',
  'Moreno', 'Chen', "O'Brien", 'Hernandez', 'Washington', 'Kowalski', 'Tanaka', 'Lopez', 'Mensah',
  'Fischer', 'Singh', 'Murphy', 'Alvarez', 'Dubois',
];

/** Large accounts that trade over EDI (hospitals, school districts, facility managers, restaurant groups). */
export const ENTERPRISE_ACCOUNTS: readonly string[] = [
  'Pioneer Valley Health System', 'Lakeshore Unified School District', 'Metro Transit Authority',
  'Summit Ridge Property Management', 'Copper Kettle Restaurant Group', 'Evergreen Senior Living',
  'Great Plains Foodservice Co-op', 'Harborview University Facilities', 'Tri-State Logistics Parks',
  'Blue Ridge Hospitality Partners', 'Cascade Medical Centers', 'Gulf Coast Packaging Solutions',
  'Midwest Manufacturing Alliance', 'Sunbelt Self Storage',
];

/** Small and mid-size businesses that buy on the web, over the phone, in stores or through a marketplace. */
export const BUSINESS_ACCOUNTS: readonly string[] = [
  'Riverside Dental Group', 'Harbor Point Marina', 'Bluebird Café & Bakery', 'Cornerstone Mechanical',
  'Tri-County Janitorial Services', 'Northgate Auto Body', 'Sunrise Daycare Center', 'Ironworks Fitness',
  'Golden Wok Kitchen', 'Precision Machine & Tool', 'Maple Street Print Shop', 'Alpine Property Services',
  'Redline Electrical Contractors', 'Greenway Landscaping', 'Keystone Plumbing & Heating', 'Main Street Diner',
  'Lighthouse Veterinary Clinic', 'Coastal Brewing Company', 'Oakwood Community Church', 'Vertex HVAC Services',
  'Silver Spoon Catering', 'Brightside Cleaning Co.', 'Eastside Hardware Supply', 'Prairie Wind Apartments',
  'Urban Roots Grocery', 'Pinnacle Sign & Graphics', 'Harvest Table Bistro', 'Granite State Builders',
  'Cityline Property Maintenance', 'Westfield Machine Works', 'Desert Bloom Spa', 'Bayou Seafood House',
  'Liberty Auto Repair', 'Timberline Cabinetry', 'Fresh Start Laundromat', 'Heritage Hotel & Suites',
];

/** Inside-sales representatives who key in phone and email orders. */
export const SALES_REPS: readonly string[] = ['K. Alvarez', 'D. Whitfield', 'S. Novak', 'M. Ortiz', 'J. Park'];
