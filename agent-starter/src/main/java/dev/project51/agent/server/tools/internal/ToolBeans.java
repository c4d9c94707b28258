package dev.project51.agent.server.tools.internal;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.Tool;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the beans that offer LangChain4j tools: every bean whose class has at least one
 * method annotated with {@link Tool}. Applications add tools to the agent by declaring
 * such a bean.
 *
 * @since 0.1.0
 */
public final class ToolBeans {

	private ToolBeans() {
	}

	/**
	 * The tool beans of a bean factory, in registration order. Lazy and abstract bean
	 * definitions are skipped unless already created.
	 * @param beanFactory the bean factory
	 * @return the beans
	 */
	public static List<Object> find(ConfigurableListableBeanFactory beanFactory) {
		List<Object> tools = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			if (beanFactory.getBeanDefinition(name).isAbstract()) {
				continue;
			}
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && hasTools(ClassUtils.getUserClass(type))) {
				tools.add(beanFactory.getBean(name));
			}
		}
		return tools;
	}

	/**
	 * Whether a class declares (or inherits) a {@link Tool} method.
	 * @param type the class
	 * @return {@code true} if it offers tools
	 */
	public static boolean hasTools(Class<?> type) {
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
			if (method.isAnnotationPresent(Tool.class)) {
				return true;
			}
		}
		return false;
	}

}
