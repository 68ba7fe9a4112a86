/**
 * Passwords of ten or more characters that appear near the top of public breach lists, plus Norwegian
 * ones. Compared without regard to case. Not exhaustive: it stops the guesses an attacker tries first.
 */
export const COMMON_PASSWORDS = new Set([
  "1234567890", "12345678910", "123456789a", "0123456789", "0987654321", "1111111111", "1q2w3e4r5t",
  "1qaz2wsx3edc", "qwertyuiop", "qwertyuiopå", "asdfghjkl", "asdfghjklø", "asdfghjkløæ", "zxcvbnm123",
  "password12", "password123", "password1234", "password!!", "passw0rd123", "p@ssw0rd123", "iloveyou12",
  "qwerty1234", "qwerty12345", "qwerty123456", "abcdefghij", "abc1234567", "abcd123456", "a1b2c3d4e5",
  "letmein123", "welcome123", "welcome2024", "welcome2025", "welcome2026", "football123", "baseball123",
  "sunshine123", "princess123", "dragon1234", "monkey1234", "superman123", "trustno1234", "changeme123",
  "administrator", "admin12345", "admin123456", "adminadmin", "rootroot12", "useruser12", "testtest12",
  "passord123", "passord1234", "passordet1", "mittpassord", "mittpassord1", "hemmelig123", "hemmelig1234",
  "sommer2023", "sommer2024", "sommer2025", "sommer2026", "vinter2024", "vinter2025", "vinter2026",
  "høst20242024", "vår2025vår", "sommeren2024", "sommeren2025", "norge12345", "norge2024!", "norway1234",
  "kommune123", "kommune1234", "kommune2024", "kommune2025", "kommune2026", "kommuneforum",
  "kommuneforum1", "kommuneforum123", "velkommen1", "velkommen123", "velkommen2024", "velkommen2025",
  "velkommen2026", "oslo123456", "bergen1234", "trondheim1", "stavanger1", "brann12345", "rosenborg1",
  "vålerenga1", "lillehammer", "123456789012", "12345678901", "1234512345", "9876543210", "5555555555",
  "0000000000", "aaaaaaaaaa", "qqqqqqqqqq", "abcabcabc1", "zaq12wsxcde", "1qazxsw23edc", "qazwsxedcrfv",
]);

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLocaleLowerCase("nb"));
}
