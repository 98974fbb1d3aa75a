-- AlterEnum
ALTER TYPE "QuestionType" ADD VALUE 'estimate';
