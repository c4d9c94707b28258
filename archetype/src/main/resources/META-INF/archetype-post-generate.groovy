// Runs after the archetype wrote the project. Batch mode (-B, -D...) skips the descriptor's validationRegex, so every
// property is validated here; an invalid value removes the half-generated project and fails with a message that
// says what is wrong and how to fix it. Then it restores what a jar cannot carry (execute bits) and prints next steps.

import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.Paths

def props = request.properties
Path project = Paths.get(request.outputDirectory, request.artifactId)

def value = { String key -> (key in ['groupId', 'artifactId', 'version', 'package']) ? request."$key" ?: props.getProperty(key) : props.getProperty(key) }
// A value as messages show it: a credential in a URL (user information, query) is never echoed.
def shown = { String key ->
	(value(key) ?: '').replaceAll(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\/@]*@/, '$1***@').replaceAll(/[?#].*$/, '?***')
}

// What was in the project's folder before this run. The plugin writes into an existing folder without a pom.xml,
// keeping (and not reporting) every file already there, which leaves a mix of the user's files and a partial
// project; it offers no hook before it writes, so this is the first moment to notice. A file or folder older than
// this Maven run was there before (modification times compared in whole seconds, all that some file systems keep).
// (Without the session's start time, which Maven always gives, nothing counts as older.)
long runStarted = request.mavenSession?.request?.startTime?.time ?: 0L
long since = runStarted.intdiv(1000L) * 1000L
Set<String> preexisting = [] as Set
if (Files.isDirectory(project)) {
	Files.walk(project).withCloseable { paths ->
		paths.filter { it != project }.forEach { path ->
			if (Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toMillis() < since) {
				preexisting << project.relativize(path).toString()
			}
		}
	}
}
Path parentPom = Paths.get(request.outputDirectory, 'pom.xml')

// Removes what this run wrote and nothing else: files the user had in the folder stay as they were.
def removeWhatThisRunWrote = {
	if (!Files.exists(project)) {
		return
	}
	if (!preexisting) {
		project.toFile().deleteDir()
		return
	}
	List<Path> paths = Files.walk(project).withCloseable { it.sorted(Comparator.reverseOrder()).toList() }
	paths.each { path ->
		if (path == project || project.relativize(path).toString() in preexisting) {
			return
		}
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			boolean empty = Files.list(path).withCloseable { !it.findAny().isPresent() }
			if (empty) {
				Files.delete(path)
			}
		}
		else {
			Files.delete(path)
		}
	}
}

def javaKeywords = ['abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const',
	'continue', 'default', 'do', 'double', 'else', 'enum', 'extends', 'final', 'finally', 'float', 'for', 'goto', 'if',
	'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native', 'new', 'package', 'private',
	'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super', 'switch', 'synchronized', 'this', 'throw',
	'throws', 'transient', 'try', 'void', 'volatile', 'while', 'true', 'false', 'null', 'record', 'var', 'yield',
	'sealed', 'permits', 'non-sealed', '_'] as Set

def problems = []
def check = { String key, boolean ok, String expectation ->
	if (!ok) {
		problems << "  - ${key}='${shown(key)}': ${expectation}"
	}
}

String groupId = value('groupId') ?: ''
String artifactId = value('artifactId') ?: ''
String version = value('version') ?: ''
String pkg = value('package') ?: ''
String project51Version = value('project51Version') ?: ''
String project51GitRef = value('project51GitRef') ?: ''
String aiProvider = value('aiProvider') ?: ''
String dockerHubUser = value('dockerHubUser') ?: ''
String awsRegion = value('awsRegion') ?: ''
String sshCidr = value('sshCidr') ?: ''
String sshKeyName = value('sshKeyName') ?: ''
String gitRepository = value('gitRepository') ?: ''

check('groupId', groupId ==~ /[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*/,
	"use lowercase dot-separated words, e.g. -DgroupId=com.acme")
check('artifactId', artifactId ==~ /[a-z][a-z0-9-]{0,38}[a-z0-9]/ && !artifactId.contains('--'),
	"use 2 to 40 lowercase letters, digits and single '-', starting with a letter (it names the Kubernetes objects, " +
	"images and the Render service), e.g. -DartifactId=support-bot")
check('version', version ==~ /[0-9][0-9A-Za-z.+_-]*/,
	"use a Maven version such as 1.0.0-SNAPSHOT")
def segments = pkg.split('\\.', -1) as List
check('package', pkg && segments.every { it ==~ /[A-Za-z_][A-Za-z0-9_]*/ && !(it in javaKeywords) },
	"use dot-separated Java identifiers that are not keywords, e.g. -Dpackage=com.acme.supportbot " +
	"(the default is the groupId plus the artifactId without '-')")
check('project51Version', project51Version ==~ /[0-9][0-9A-Za-z.+_-]*/,
	"use a released Project51 version such as 0.1.0 (the default is this archetype's own version)")
check('project51GitRef', project51GitRef ==~ /[A-Za-z0-9][A-Za-z0-9._\/-]*/,
	"use the git tag or branch of Project51 that has project51Version, e.g. v0.1.0 (the default is " +
	"v<project51Version>, or main for a -SNAPSHOT)")
def providers = ['openai', 'anthropic', 'gemini', 'openai-compatible', 'local']
check('aiProvider', aiProvider in providers,
	"use one of ${providers.join(', ')} (the agent always falls back to the offline 'local' model)")
check('dockerHubUser', dockerHubUser ==~ /[a-z0-9]{4,30}/,
	"use your Docker Hub user or organisation name: 4 to 30 lowercase letters or digits")
boolean regionFormat = awsRegion ==~ /[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]/
boolean commercial = !awsRegion.startsWith('cn-') && !awsRegion.contains('-gov-') && !awsRegion.contains('-iso')
check('awsRegion', regionFormat && commercial,
	regionFormat ? "use a region of AWS's commercial partition such as us-east-1 or eu-central-1: GovCloud, China " +
			"and the isolated regions need another Ubuntu image owner and IAM setup, which the host does not have"
		: "use an AWS region code such as us-east-1 or eu-central-1")
String renderRegion = value('renderRegion') ?: ''
def renderRegions = ['oregon', 'ohio', 'virginia', 'frankfurt', 'singapore']
check('renderRegion', renderRegion in renderRegions,
	"use one of ${renderRegions.join(', ')} (the default is the one nearest to awsRegion)")
def cidrOk = { String c ->
	def m = c =~ /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/
	m.matches() && (1..4).every { (m.group(it) as int) <= 255 } && (m.group(5) as int) <= 32
}
check('sshCidr', sshCidr == 'none' || (cidrOk(sshCidr) && sshCidr != '0.0.0.0/0'),
	sshCidr == '0.0.0.0/0'
		? "SSH from the whole internet is refused: use your own address as a /32 (e.g. -DsshCidr=203.0.113.7/32), " +
			"or 'none' to reach the host through AWS SSM Session Manager"
		: "use 'none' (no SSH; reach the host through AWS SSM Session Manager) or an IPv4 CIDR such as 203.0.113.7/32")
check('sshKeyName', sshCidr == 'none' ? sshKeyName == 'none' || sshKeyName ==~ /[\x21-\x7e]{1,255}/
		: sshKeyName != 'none' && sshKeyName ==~ /[\x21-\x7e]{1,255}/,
	sshCidr == 'none' ? "use the name of an EC2 key pair (printable ASCII, no spaces), or 'none'"
		: "SSH (sshCidr=${sshCidr}) needs the name of an existing EC2 key pair, e.g. -DsshKeyName=ops " +
			"(create one with 'aws ec2 create-key-pair'), or use -DsshCidr=none")
check('gitRepository', gitRepository ==~ /https:\/\/[A-Za-z0-9.-]+(:[0-9]+)?\/[A-Za-z0-9._\/-]+/,
	(gitRepository =~ /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\/]*@/ || gitRepository.contains('?'))
		? "use the repository's URL without credentials, e.g. -DgitRepository=https://github.com/acme/support-bot.git " +
			"(the host clones it anonymously; for a private repository see the README's Deploy section)"
		: "use the HTTPS clone URL of your repository, e.g. -DgitRepository=https://github.com/acme/support-bot.git " +
			"(the EC2 host clones it)")

if (preexisting) {
	List<String> shownEntries = preexisting.findAll { !it.contains(File.separator) }.sort()
	problems << "  - the folder ${project} was not empty (it holds ${(shownEntries ?: preexisting.sort()).take(5).join(', ')}" +
		"${preexisting.size() > 5 ? ', ...' : ''}): generate into a new folder (another -DartifactId, or run it from " +
		"another directory), then move your files into the project"
}
if (Files.exists(parentPom)) {
	problems << "  - ${request.outputDirectory} holds a pom.xml: the plugin adds the project to it as a module and " +
		"replaces the project's own parent; run archetype:generate outside any Maven project (and remove " +
		"<module>${artifactId}</module> from ${parentPom} again)"
}

if (problems) {
	removeWhatThisRunWrote()
	throw new IllegalArgumentException("Project51 archetype: invalid properties, nothing was generated:\n" +
		problems.join('\n') + "\nFix them and run archetype:generate again.")
}

// A jar does not carry unix permissions: make the scripts executable again.
Files.walk(project).withCloseable { paths ->
	paths.filter { Files.isRegularFile(it) && it.fileName.toString().endsWith('.sh') }
		.forEach { it.toFile().setExecutable(true, false) }
}

if (project51Version.endsWith('-SNAPSHOT')) {
	println """
WARNING: Project51 ${project51Version} is a development snapshot, on no public Maven repository. This project builds
WARNING: only where that snapshot is installed (mvn install in a clone of Project51, see the first lines of README.md);
WARNING: its GitHub workflow, container images and Render build fail anywhere else. For a project others can build,
WARNING: generate it from a released archetype (-DarchetypeVersion=<release>).
"""
}

println """
Project51: generated ${groupId}:${artifactId}:${version} in ${project}
  agent:     backend/   (primary provider: ${aiProvider}; falls back to the offline local model)
  frontend:  frontend/  (chat UI on http://localhost:8080)
  infra:     infra/     (AWS ${awsRegion}; SSH: ${sshCidr == 'none' ? 'none, use AWS Session Manager' : sshCidr + ' with key pair ' + sshKeyName})
  delivery:  k8s/, deploy.sh, render.yaml, .github/workflows/main.yml (images docker.io/${dockerHubUser}/${artifactId}-*)

Next: cd ${artifactId} && ./run-local.sh    (then read README.md)
"""
