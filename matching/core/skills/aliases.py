"""Curated aliases: the surface forms people write for skills that ESCO lacks or names oddly.

Written by the FairMatch team. Which tools to cover was decided from the O*NET "Hot
Technology" list (the technologies employers name most); the wording and the mapping are ours.
An alias with an ESCO URI relabels that ESCO skill (``Machine Learning`` for ``machine
learning``) and adds surface forms to it; the others get a ``fairmatch:skill/`` URI.
"""

from __future__ import annotations

from matching.core.skills.types import AliasCategory, SkillAlias

ESCO_SKILL = "http://data.europa.eu/esco/skill/"
FAIRMATCH_SKILL = "fairmatch:skill/"


def _terms(label: str, terms: tuple[str, ...], cased: tuple[str, ...]) -> tuple[str, ...]:
    """The case-insensitive terms: the label too, unless it must match with its exact case."""
    return terms if label in cased else (label, *terms)


def _esco(
    label: str,
    esco_id: str,
    *terms: str,
    exact: tuple[str, ...] = (),
    context: tuple[str, ...] = (),
    category: AliasCategory = "technology",
) -> SkillAlias:
    return SkillAlias(
        label, ESCO_SKILL + esco_id, _terms(label, terms, exact + context), exact, context, category
    )


def _own(
    label: str,
    *terms: str,
    exact: tuple[str, ...] = (),
    context: tuple[str, ...] = (),
    category: AliasCategory = "technology",
) -> SkillAlias:
    slug = "-".join(label.lower().replace("+", "p").replace("#", "sharp").split())
    uri = FAIRMATCH_SKILL + "".join(c for c in slug if c.isalnum() or c == "-")
    return SkillAlias(label, uri, _terms(label, terms, exact + context), exact, context, category)


ALIASES: tuple[SkillAlias, ...] = (
    # Programming languages.
    _esco("JavaScript", "3cd569a2-4f88-4c1e-9995-8dce8c5e51a7", "js", "java script", "ecmascript"),
    _esco("TypeScript", "867137fb-ff1b-4ca3-99f3-cb6969aa2c68"),
    _esco("Python", "ccd0a1d9-afda-43d9-b901-96344886e14d", "python3", "python 3"),
    _esco("Java", "19a8293b-8e95-4de3-983f-77484079c389", "core java", "java ee", "j2ee"),
    _esco("C++", "b633eb55-8f1f-4ae6-ab4c-2022ffe2cb7f", "cpp", "c plus plus"),
    _esco("C#", "4c016b68-4116-468c-9dc6-42710c239e4a", "c sharp", "csharp"),
    _own("C", exact=("ANSI C",), context=("C",)),
    _esco("R", "51586df8-1c46-4b47-8583-773cb63bf00b", "r programming", "rstudio", context=("R",)),
    _own("Go", "golang", context=("Go",)),
    _esco("PHP", "4350c38d-0fe9-4ca7-bab9-40ed7f72b04f"),
    _esco("Ruby", "0ccdfe98-f845-4598-84a1-3dca66e9d9a3", context=("Ruby",)),
    _own("Ruby on Rails", "rails framework"),
    _esco("Swift", "be80acfc-b6f2-4411-9b8d-b19d9cd2556a", "swiftui", context=("Swift",)),
    _own("Kotlin"),
    _esco("Scala", "ffddfc7c-a9dd-449f-9e96-882dc447c8b6"),
    _own("Rust", "rustlang", context=("Rust",)),
    _esco("Perl", "401eb8d8-6daa-4f8b-90ad-60afc71eb4f8"),
    _esco("MATLAB", "c3a03c5a-c260-4c26-9b9a-873abb396f4d"),
    _esco("SAS", "04f1b938-d4d4-4cb1-a863-982af76b9d93", "sas language", exact=("SAS",)),
    _own("Bash", "shell scripting", "shell script", "unix shell", exact=("Bash",)),
    _own("PowerShell"),
    _own("VBA", "visual basic for applications", "excel vba"),
    _esco("SQL", "598de5b0-5b58-4ea7-8058-a4bc4d18c742", "structured query language", "t-sql"),
    _own("HTML", "html5", "hypertext markup language"),
    _esco("CSS", "e5d1f825-60ed-4bdd-872a-e748c387f777", "css3", "cascading style sheets"),
    _own("XML", "extensible markup language"),
    _own("JSON"),
    # Frameworks and libraries.
    _own("React", "react js", "react.js", "reactjs", "react native"),
    _esco("Angular", "1ffac4ac-fda7-407d-8ed1-ca8f4a8dc146", "angularjs", "angular js"),
    _own("Vue.js", "vue", "vuejs", "vue js"),
    _own("Node.js", "node js", "nodejs"),
    _own("jQuery"),
    _own("Django", "django rest framework", "drf"),
    _own("Flask", "flask framework", context=("Flask",)),
    _own("FastAPI", "fast api"),
    _own("Spring Boot", "spring framework", "spring mvc"),
    _own(".NET", "dotnet", "dot net", ".net core", ".net framework"),
    _esco("ASP.NET", "56a7f561-1d55-43c9-9cd7-36a0a9bc6c50", "asp net"),
    _own("Hibernate"),
    _own("pandas", exact=("pandas", "Pandas")),
    _own("NumPy", "numpy"),
    _own("scikit-learn", "sklearn", "scikit learn"),
    _own("TensorFlow", "tensor flow"),
    _own("PyTorch", "py torch"),
    _own("Keras"),
    _esco("Apache Spark", "af7ae54f-4649-4c16-87c7-59ba41d4d57f", "pyspark", exact=("Spark",)),
    _esco("Hadoop", "e46291c7-52b9-4174-bd59-178884861038", "apache hadoop", "hdfs"),
    _own("Apache Kafka", "kafka"),
    _esco("Apache Maven", "0d168770-4d9c-4096-b048-a6577818d306", "maven"),
    _own("JUnit"),
    _own("Selenium", "selenium webdriver"),
    # Data stores.
    _esco("PostgreSQL", "a8d07b5a-c1a1-42c6-9d53-db9c7a2ca996", "postgres", "postgre sql", "psql"),
    _esco("MySQL", "4da171e5-779c-4983-a76f-91c16751e99f", "my sql"),
    _own("Microsoft SQL Server", "sql server", "mssql", "ms sql"),
    _own("Oracle Database", "oracle db", "oracle sql", "pl sql", "pl/sql"),
    _own("MongoDB", "mongo db", "mongo"),
    _own("Redis"),
    _own("Elasticsearch", "elastic search"),
    _esco("NoSQL", "76ef6ed3-1658-4a1a-9593-204d799c6d0c", "no sql"),
    # Cloud, infrastructure and tools.
    _own(
        "Amazon Web Services (AWS)", "aws", "amazon web services", "aws cloud", "ec2", "amazon s3"
    ),
    _own("Microsoft Azure", "azure", "azure cloud"),
    _own("Google Cloud Platform", "gcp", "google cloud"),
    _own("Docker", "docker compose", "dockerfile"),
    _own("Kubernetes", "k8s", "kubectl", "openshift"),
    _own("Terraform"),
    _esco("Ansible", "6f8a40d6-f9ce-43ec-a72f-d4213a53f3ed"),
    _esco("Jenkins", "f47a1998-0beb-43be-9f46-380aa4d183da", "jenkins ci"),
    _own("Git", "github", "gitlab", "bitbucket", exact=("GIT",)),
    _own(
        "CI/CD", "ci cd", "continuous integration", "continuous delivery", "continuous deployment"
    ),
    _esco("DevOps", "f0de4973-0a70-4644-8fd4-3a97080476f4", "dev ops"),
    _own("Linux", "ubuntu", "red hat enterprise linux", "rhel", "centos", "debian"),
    _own("Unix"),
    _own("REST APIs", "rest api", "restful", "restful api", "restful services", "rest apis"),
    _own("Microservices", "microservice", "micro services"),
    _own("Atlassian Jira", "jira"),
    _own("Tableau"),
    _own("Microsoft Power BI", "power bi", "powerbi"),
    _own("Microsoft Excel", "ms excel", "excel spreadsheets", exact=("Excel", "EXCEL")),
    _esco(
        "use microsoft office",
        "f683ae1d-cb7c-4aa1-b9fe-205e1bd23535",
        "ms office",
        "microsoft office",
        "microsoft office suite",
        "office 365",
        "microsoft 365",
    ),
    _own("Salesforce", "salesforce crm"),
    _own("SAP", "sap erp", "sap s/4hana", "s 4hana", exact=("SAP",)),
    _own("AutoCAD", "autodesk autocad", "auto cad"),
    _esco("Adobe Photoshop", "14ced458-5f4b-495f-bd3d-9c240614bda0", "photoshop"),
    _esco("Adobe Illustrator", "27b913f0-3c52-448b-ad27-fc6ef08fb326", exact=("Illustrator",)),
    _own("Figma"),
    _own("Google Analytics"),
    # Methods and fields.
    _esco(
        "Machine Learning",
        "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43",
        "machine-learning",
        "apprentissage automatique",
        exact=("ML",),
    ),
    _esco(
        "Deep Learning",
        "ecc4552a-92c5-4222-b18d-faf5ac841080",
        "apprentissage profond",
    ),
    _own("Artificial Intelligence", "intelligence artificielle", exact=("AI", "IA")),
    _esco(
        "Natural Language Processing",
        "fff0e2cd-d0bd-4b02-9daf-158b79d9688a",
        "traitement automatique du langage",
        exact=("NLP",),
    ),
    _esco("Computer Vision", "7b0d5000-00da-4864-b776-6de49a87a669", "vision par ordinateur"),
    _own("Data Science", "science des donnees"),
    _own("Data Analysis", "data analytics", "analyse de donnees", "analyse des donnees"),
    _own("Big Data", "donnees massives"),
    _esco(
        "Agile project management",
        "0a9acb6b-1139-4be9-b431-3a80a959f2f4",
        "agile",
        "agile methodology",
        "agile methodologies",
        "methodes agiles",
        "methode agile",
    ),
    _own("Scrum", "scrum master"),
    _own("Kanban"),
    _esco(
        "project management",
        "7111b95d-0ce3-441a-9d92-4c75d05c4388",
        "gestion de projet",
        "gestion de projets",
        category="general",
    ),
    _esco(
        "cyber security",
        "8088750d-8388-4170-a76f-48354c469c44",
        "cybersecurity",
        "cybersecurite",
        "information security",
        "infosec",
    ),
    _own("Unit Testing", "unit tests", "tests unitaires", "test driven development", "tdd"),
    # Education.
    _own("Bachelor of Technology", "b-tech", "btech", "b tech", "b.tech", category="education"),
    _own("Master of Technology", "m-tech", "mtech", "m tech", "m.tech", category="education"),
    _own("Bachelor of Engineering", "b eng", "beng", exact=("B.E.",), category="education"),
    _own("Master of Business Administration", "mba", category="education"),
    _own("Bachelor of Science", "bsc", "b sc", "b.sc", "b.s.", category="education"),
    _own("Master of Science", "msc", "m sc", "m.sc", category="education"),
    _own("Doctor of Philosophy", "phd", "ph.d", "ph d", "doctorat", category="education"),
    # General, including a few French labels.
    _esco("English", "6d3edede-8951-4621-a835-e04323300fa0", "anglais", category="general"),
    _esco("French", "e747e77e-0ea1-4001-8b07-1d11946b5f1b", "francais", category="general"),
    _esco(
        "customer service",
        "15a33d76-4640-438d-ae64-fdc0c1d3eebc",
        "service client",
        "service a la clientele",
        category="general",
    ),
    _esco("accounting", "ecc18804-a466-40d9-98b4-fba5cd67dd4b", "comptabilite", category="general"),
    _esco("statistics", "7ee4c2ea-b349-4bd2-81a3-ec31475d4833", "statistiques", category="general"),
)
