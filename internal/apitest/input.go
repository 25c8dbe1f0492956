package apitest

import "healthsynx/internal/departments"

func departmentsInput(name string) departments.Input {
	desc := name + " department"
	return departments.Input{Name: &name, Description: &desc}
}
